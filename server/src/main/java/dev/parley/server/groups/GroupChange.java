package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import java.util.List;

/** A change someone asks to make to a group; {@link GroupRules} decides whether and how. */
public sealed interface GroupChange {
  record Create(String name, String description, List<AccountId> members) implements GroupChange {}

  record Edit(String name, String description) implements GroupChange {}

  record ChangeSettings(Boolean onlyAdminsSend, Boolean onlyAdminsEditInfo) implements GroupChange {}

  record AddMembers(List<AccountId> accounts) implements GroupChange {}

  record RemoveMember(AccountId account) implements GroupChange {}

  record Leave() implements GroupChange {}

  record Promote(AccountId account) implements GroupChange {}

  record Demote(AccountId account) implements GroupChange {}

  record JoinByInvite() implements GroupChange {}
}
