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
          new Conversation.Member(alice, Conversation.Role.MEMBER, 1_000L),
          new Conversation.Member(bob, Conversation.Role.MEMBER, 1_000L));
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
