package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.GroupSettings;
import java.util.List;
import java.util.Optional;

/** A conversation, its info and settings (groups only) and its current members. */
public record Conversation(
    ConversationId id, Kind kind, String name, String description, GroupSettings settings, List<Member> members,
    long createdAt) {

  public enum Kind { DIRECT, GROUP }

  public enum Role {
    OWNER, ADMIN, MEMBER;

    public boolean isAdmin() {
      return this != MEMBER;
    }
  }

  /** A member; it sees the conversation's messages after {@code joinedSeq}. */
  public record Member(AccountId account, Role role, long joinedAt, long joinedSeq) {
    public Member withRole(Role newRole) {
      return new Member(account, newRole, joinedAt, joinedSeq);
    }
  }

  /** Members in seniority order: who joined first (then account id, so the order is the same everywhere). */
  private static final java.util.Comparator<Member> SENIORITY = java.util.Comparator.comparingLong(Member::joinedSeq)
      .thenComparingLong(Member::joinedAt)
      .thenComparing(m -> m.account().value());

  public Conversation {
    members = members.stream().sorted(SENIORITY).toList();
  }

  public static Conversation direct(ConversationId id, List<Member> members, long createdAt) {
    return new Conversation(id, Kind.DIRECT, "", "", GroupSettings.DEFAULTS, members, createdAt);
  }

  public boolean isMember(AccountId account) {
    return member(account).isPresent();
  }

  public Optional<Member> member(AccountId account) {
    return members.stream().filter(m -> m.account().equals(account)).findFirst();
  }

  public boolean isAdmin(AccountId account) {
    return member(account).map(m -> m.role().isAdmin()).orElse(false);
  }

  public List<AccountId> memberAccounts() {
    return members.stream().map(Member::account).toList();
  }

  public Conversation withMembers(List<Member> newMembers) {
    return new Conversation(id, kind, name, description, settings, newMembers, createdAt);
  }

  public Conversation withInfo(String newName, String newDescription) {
    return new Conversation(id, kind, newName, newDescription, settings, members, createdAt);
  }

  public Conversation withSettings(GroupSettings newSettings) {
    return new Conversation(id, kind, name, description, newSettings, members, createdAt);
  }
}
