package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.util.List;

/** A conversation and its current members. */
public record Conversation(ConversationId id, Kind kind, List<Member> members, long createdAt) {

  public enum Kind { DIRECT, GROUP }

  public enum Role { OWNER, ADMIN, MEMBER }

  public record Member(AccountId account, Role role, long joinedAt) {}

  public Conversation {
    members = List.copyOf(members);
  }

  public boolean isMember(AccountId account) {
    return members.stream().anyMatch(m -> m.account().equals(account));
  }

  public List<AccountId> memberAccounts() {
    return members.stream().map(Member::account).toList();
  }
}
