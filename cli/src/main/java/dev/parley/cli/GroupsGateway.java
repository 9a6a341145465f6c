package dev.parley.cli;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.util.List;

/**
 * What the {@code group} commands need from the server: a seam of the CLI's own, written before the
 * SDK had a groups API. {@link SdkGroups} implements it over {@code ParleyClient.groups()};
 * {@link #UNAVAILABLE} answers every call with exit code 4, for a server without groups.
 */
interface GroupsGateway {
  GroupsGateway UNAVAILABLE = new GroupsGateway() {};

  /** One group as the commands show it. */
  record Group(ConversationId id, String name, List<Member> members) {}

  /** @param role {@code owner}, {@code admin} or {@code member}, as the server names it */
  record Member(AccountId accountId, String role) {}

  default Group create(String name, List<AccountId> members) {
    throw unavailable();
  }

  default Group add(ConversationId group, List<AccountId> members) {
    throw unavailable();
  }

  default Group remove(ConversationId group, List<AccountId> members) {
    throw unavailable();
  }

  default void leave(ConversationId group) {
    throw unavailable();
  }

  default List<Group> list() {
    throw unavailable();
  }

  default Group info(ConversationId group) {
    throw unavailable();
  }

  private static CliFailure unavailable() {
    return new CliFailure(ExitCodes.REFUSED, "groups are not available in this build");
  }
}
