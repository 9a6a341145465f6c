package dev.parley.server.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.GroupSettings;
import dev.parley.protocol.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupRulesTest {
  private final AccountId owner = AccountId.random();
  private final AccountId admin = AccountId.random();
  private final AccountId early = AccountId.random();
  private final AccountId late = AccountId.random();
  private final AccountId ghost = AccountId.random();
  private final ConversationId id = ConversationId.newGroup();
  private final GroupRules rules = new GroupRules(5, account -> !account.equals(ghost));

  private Conversation group(GroupSettings settings) {
    return new Conversation(id, Conversation.Kind.GROUP, "Team", "", settings, List.of(
        new Conversation.Member(owner, Conversation.Role.OWNER, 1, 0),
        new Conversation.Member(admin, Conversation.Role.ADMIN, 1, 0),
        new Conversation.Member(early, Conversation.Role.MEMBER, 1, 0),
        new Conversation.Member(late, Conversation.Role.MEMBER, 9, 7)), 1);
  }

  private Outcome<GroupPlan> plan(AccountId actor, GroupChange change) {
    return plan(actor, change, group(GroupSettings.DEFAULTS));
  }

  private Outcome<GroupPlan> plan(AccountId actor, GroupChange change, Conversation current) {
    return rules.plan(id, Optional.of(current), actor, change, 100);
  }

  private static ErrorCode refusal(Outcome<GroupPlan> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused<GroupPlan>) outcome).code();
  }

  private static GroupPlan allowed(Outcome<GroupPlan> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    return ((Outcome.Ok<GroupPlan>) outcome).value();
  }

  @Test
  void creatorBecomesOwnerAndCreationIsRecorded() {
    // when
    var plan = allowed(rules.plan(id, Optional.empty(), owner, new GroupChange.Create(" Team ", null, List.of(early, owner)), 5));
    // then
    assertThat(plan.after().member(owner)).hasValueSatisfying(m -> assertThat(m.role()).isEqualTo(Conversation.Role.OWNER));
    assertThat(plan.after().name()).isEqualTo("Team");
    assertThat(plan.after().members()).hasSize(2);
    assertThat(plan.events()).extracting(GroupEvent::type).containsExactly(GroupEvent.Type.CREATED, GroupEvent.Type.MEMBERS_ADDED);
  }

  @Test
  void aGroupNeedsANameAndRoomForEveryone() {
    assertThat(refusal(rules.plan(id, Optional.empty(), owner, new GroupChange.Create("  ", "", List.of()), 5)))
        .isEqualTo(ErrorCode.BAD_REQUEST);
    var six = List.of(AccountId.random(), AccountId.random(), AccountId.random(), AccountId.random(), AccountId.random());
    assertThat(refusal(rules.plan(id, Optional.empty(), owner, new GroupChange.Create("Big", "", six), 5)))
        .isEqualTo(ErrorCode.GROUP_FULL);
    assertThat(refusal(rules.plan(id, Optional.empty(), owner, new GroupChange.Create("Ghosts", "", List.of(ghost)), 5)))
        .isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
  }

  @Test
  void addingBeyondTheLimitOrSomeoneUnknownIsRefused() {
    assertThat(refusal(plan(admin, new GroupChange.AddMembers(List.of(AccountId.random(), AccountId.random())))))
        .isEqualTo(ErrorCode.GROUP_FULL);
    assertThat(refusal(plan(admin, new GroupChange.AddMembers(List.of(ghost))))).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
    assertThat(refusal(plan(admin, new GroupChange.AddMembers(List.of(early))))).isEqualTo(ErrorCode.ALREADY_A_MEMBER);
  }

  @Test
  void theOwnerCanNeitherBeRemovedNorDemoted() {
    assertThat(refusal(plan(admin, new GroupChange.RemoveMember(owner)))).isEqualTo(ErrorCode.OWNER_PROTECTED);
    assertThat(refusal(plan(admin, new GroupChange.Demote(owner)))).isEqualTo(ErrorCode.OWNER_PROTECTED);
  }

  @Test
  void onlyAdminsEditInfoWhenTheSettingSaysSo() {
    var locked = group(new GroupSettings(false, true));
    assertThat(refusal(plan(early, new GroupChange.Edit("Renamed", null), locked))).isEqualTo(ErrorCode.NOT_AN_ADMIN);
    assertThat(allowed(plan(admin, new GroupChange.Edit("Renamed", null), locked)).after().name()).isEqualTo("Renamed");
    assertThat(allowed(plan(early, new GroupChange.Edit("Renamed", null))).events())
        .extracting(GroupEvent::type).containsExactly(GroupEvent.Type.RENAMED);
  }

  @Test
  void whenTheLastAdminGoesTheLongestStandingMemberIsPromoted() {
    // given a group whose only admin is the owner
    var current = group(GroupSettings.DEFAULTS);
    current = current.withMembers(current.members().stream().filter(m -> !m.account().equals(admin)).toList());
    // when the owner leaves
    var plan = allowed(plan(owner, new GroupChange.Leave(), current));
    // then the member who joined first is an admin now, and both changes are recorded
    assertThat(plan.after().isAdmin(early)).isTrue();
    assertThat(plan.after().isAdmin(late)).isFalse();
    assertThat(plan.events()).extracting(GroupEvent::type).containsExactly(GroupEvent.Type.MEMBER_LEFT, GroupEvent.Type.PROMOTED);
    assertThat(plan.alsoNotify()).isEqualTo(Set.of(owner));
  }

  @Test
  void promotingAnAdminAgainChangesNothing() {
    assertThat(allowed(plan(owner, new GroupChange.Promote(admin))).changesNothing()).isTrue();
  }

  @Test
  void aDirectConversationIsNotAGroup() {
    var direct = Conversation.direct(ConversationId.direct(owner, early), List.of(), 1);
    assertThat(refusal(rules.plan(direct.id(), Optional.of(direct), owner, new GroupChange.Leave(), 5)))
        .isEqualTo(ErrorCode.CONVERSATION_NOT_FOUND);
  }
}
