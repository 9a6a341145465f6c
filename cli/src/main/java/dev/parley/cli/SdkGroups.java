package dev.parley.cli;

import dev.parley.client.ParleyClient;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.rest.GroupInfo;
import java.util.List;

/** {@link GroupsGateway} over the SDK's {@code groups()} API (REST, blocking). */
final class SdkGroups implements GroupsGateway {
  private final ParleyClient client;

  SdkGroups(ParleyClient client) {
    this.client = client;
  }

  @Override
  public Group create(String name, List<AccountId> members) {
    return group(client.groups().create(name, null, members));
  }

  @Override
  public Group add(ConversationId group, List<AccountId> members) {
    return group(client.groups().addMembers(group, members));
  }

  @Override
  public Group remove(ConversationId group, List<AccountId> members) {
    // The API removes one member per call; the last answer holds the group as it ends up.
    GroupInfo info = null;
    for (var member : members) {
      info = client.groups().removeMember(group, member);
    }
    return info == null ? info(group) : group(info);
  }

  @Override
  public void leave(ConversationId group) {
    client.groups().leave(group);
  }

  @Override
  public List<Group> list() {
    // No list endpoint: the account's conversations say which are groups, info() gives each one's name.
    return client.conversations().stream()
        .filter(c -> !c.conversationId().isDirect())
        .map(c -> info(c.conversationId()))
        .toList();
  }

  @Override
  public Group info(ConversationId group) {
    return group(client.groups().info(group));
  }

  private static Group group(GroupInfo info) {
    return new Group(info.conversationId(), info.name(),
        info.members().stream().map(m -> new Member(m.accountId(), m.role())).toList());
  }
}
