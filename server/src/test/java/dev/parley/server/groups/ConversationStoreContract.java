package dev.parley.server.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ConversationStore} must have. Each implementation gets a small class that
 * implements {@link #store()}; tests use fresh ids, so they can share one database.
 */
public interface ConversationStoreContract {

  ConversationStore store();

  /** What the store asked messaging to record. */
  dev.parley.server.groups.sql.RecordingEventAppender events();

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store write did not complete", e);
    }
  }

  private Conversation change(ConversationId id, AccountId actor, GroupChange change) {
    var rules = new GroupRules(10, account -> true);
    var outcome = await(store().change(id, new dev.parley.protocol.DeviceId(actor, 1),
        current -> rules.plan(id, current, actor, change, 5_000L), applied -> {}));
    assertThat(outcome).isInstanceOf(dev.parley.protocol.Outcome.Ok.class);
    return ((dev.parley.protocol.Outcome.Ok<Conversation>) outcome).value();
  }

  @Test
  default void aGroupIsCreatedWithItsMembersAndItsEventsRecorded() {
    // given
    var owner = AccountId.random();
    var member = AccountId.random();
    var id = ConversationId.newGroup();
    // when
    var created = change(id, owner, new GroupChange.Create("Team", "the team", java.util.List.of(member)));
    // then
    assertThat(store().find(id)).contains(created);
    assertThat(created.kind()).isEqualTo(Conversation.Kind.GROUP);
    assertThat(created.name()).isEqualTo("Team");
    assertThat(created.member(owner)).hasValueSatisfying(m -> assertThat(m.role()).isEqualTo(Conversation.Role.OWNER));
    assertThat(created.members()).allSatisfy(m -> assertThat(m.joinedSeq()).isZero());
    assertThat(events().of(id)).extracting(r -> r.event().type())
        .containsExactly(dev.parley.protocol.GroupEvent.Type.CREATED, dev.parley.protocol.GroupEvent.Type.MEMBERS_ADDED);
    assertThat(store().conversationsOf(member)).contains(id);
  }

  @Test
  default void membersAddedLaterJoinAfterTheEventThatAddsThem() {
    // given a group with two events so far (seq 1, 2)
    var owner = AccountId.random();
    var id = ConversationId.newGroup();
    change(id, owner, new GroupChange.Create("Team", "", java.util.List.of(AccountId.random())));
    var late = AccountId.random();
    // when
    var after = change(id, owner, new GroupChange.AddMembers(java.util.List.of(late)));
    // then the newcomer sees the "added" event (seq 3) and what follows
    assertThat(after.member(late)).hasValueSatisfying(m -> assertThat(m.joinedSeq()).isEqualTo(2));
    assertThat(store().find(id).orElseThrow().member(late)).hasValueSatisfying(m -> assertThat(m.joinedSeq()).isEqualTo(2));
  }

  @Test
  default void aRemovedMemberIsGoneButHearsOfItsRemoval() {
    // given
    var owner = AccountId.random();
    var leaving = AccountId.random();
    var id = ConversationId.newGroup();
    change(id, owner, new GroupChange.Create("Team", "", java.util.List.of(leaving)));
    // when
    var after = change(id, owner, new GroupChange.RemoveMember(leaving));
    // then
    assertThat(after.isMember(leaving)).isFalse();
    assertThat(store().find(id).orElseThrow().isMember(leaving)).isFalse();
    assertThat(store().conversationsOf(leaving)).doesNotContain(id);
    assertThat(events().of(id).getLast().recipients()).contains(new dev.parley.protocol.DeviceId(leaving, 1));
  }

  @Test
  default void aRefusedChangeWritesNothing() {
    // given
    var owner = AccountId.random();
    var member = AccountId.random();
    var id = ConversationId.newGroup();
    change(id, owner, new GroupChange.Create("Team", "", java.util.List.of(member)));
    var rules = new GroupRules(10, account -> true);
    // when a plain member tries to remove the owner
    var outcome = await(store().change(id, new dev.parley.protocol.DeviceId(member, 1),
        current -> rules.plan(id, current, member, new GroupChange.RemoveMember(owner), 6_000L), applied -> {}));
    // then
    assertThat(outcome).isInstanceOf(dev.parley.protocol.Outcome.Refused.class);
    assertThat(store().find(id).orElseThrow().isMember(owner)).isTrue();
    assertThat(events().of(id)).hasSize(2);
  }

  @Test
  default void anInviteOpensItsGroupUntilRevoked() {
    // given
    var id = ConversationId.newGroup();
    var hash = java.util.UUID.randomUUID().toString();
    store().createInvite(id, hash, AccountId.random(), 1L);
    // when / then
    assertThat(store().findInvite(hash)).contains(id);
    assertThat(store().revokeInvite(ConversationId.newGroup(), hash, 2L)).isFalse();
    assertThat(store().revokeInvite(id, hash, 2L)).isTrue();
    assertThat(store().findInvite(hash)).isEmpty();
    assertThat(store().revokeInvite(id, hash, 3L)).isFalse();
  }

  @Test
  default void directConversationHasBothAccountsAsMembers() {
    // given
    var alice = AccountId.random();
    var bob = AccountId.random();
    var id = ConversationId.direct(alice, bob);
    // when
    store().createDirect(id, alice, bob, 1_000L);
    // then
    assertThat(store().find(id)).hasValueSatisfying(conversation -> {
      assertThat(conversation.id()).isEqualTo(id);
      assertThat(conversation.kind()).isEqualTo(Conversation.Kind.DIRECT);
      assertThat(conversation.createdAt()).isEqualTo(1_000L);
      assertThat(conversation.members()).containsExactlyInAnyOrder(
          new Conversation.Member(alice, Conversation.Role.MEMBER, 1_000L, 0L),
          new Conversation.Member(bob, Conversation.Role.MEMBER, 1_000L, 0L));
    });
  }

  @Test
  default void creatingADirectConversationAgainChangesNothing() {
    // given
    var alice = AccountId.random();
    var bob = AccountId.random();
    var id = ConversationId.direct(alice, bob);
    store().createDirect(id, alice, bob, 1_000L);
    var created = store().find(id).orElseThrow();
    // when
    store().createDirect(id, bob, alice, 2_000L);
    // then
    assertThat(store().find(id)).contains(created);
    assertThat(store().conversationsOf(alice)).containsExactly(id);
  }

  @Test
  default void unknownConversationIsNotFound() {
    // given
    var unknown = ConversationId.direct(AccountId.random(), AccountId.random());
    // when
    var found = store().find(unknown);
    // then
    assertThat(found).isEmpty();
    assertThat(store().find(ConversationId.newGroup())).isEmpty();
  }

  @Test
  default void conversationsOfListsEveryConversationOfTheAccountAndNoOther() {
    // given
    var alice = AccountId.random();
    var bob = AccountId.random();
    var carol = AccountId.random();
    var withBob = ConversationId.direct(alice, bob);
    var withCarol = ConversationId.direct(carol, alice);
    var bobAndCarol = ConversationId.direct(bob, carol);
    store().createDirect(withBob, alice, bob, 1_000L);
    store().createDirect(withCarol, carol, alice, 2_000L);
    store().createDirect(bobAndCarol, bob, carol, 3_000L);
    // when
    var ofAlice = store().conversationsOf(alice);
    // then
    assertThat(ofAlice).containsExactlyInAnyOrder(withBob, withCarol);
  }

  @Test
  default void accountWithoutConversationsHasNone() {
    // when
    var conversations = store().conversationsOf(AccountId.random());
    // then
    assertThat(conversations).isEmpty();
  }
}
