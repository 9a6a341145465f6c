package dev.parley.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageStore} must have. Each implementation gets a small class that
 * implements {@link #store()}; tests use fresh ids, so they can share one database.
 */
public interface MessageStoreContract {

  MessageStore store();

  /** Routing for writes whose deliveries a test reads back from the store instead. */
  Consumer<List<Addressed>> NOWHERE = deliveries -> { };

  private static DeviceId device(AccountId account, int number) {
    return new DeviceId(account, number);
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("store write did not complete", e);
    }
  }

  /** A message and the recipients its resolver will name at commit time. */
  record Draft(NewMessage message, List<NewMessage.Recipient> recipients) {}

  private static Draft shared(ConversationId conversation, DeviceId sender, String clientId, String payload,
      List<DeviceId> recipients) {
    return new Draft(new NewMessage(MessageId.generate(System.currentTimeMillis()), conversation, sender, clientId,
        System.currentTimeMillis(), payload, null), recipients.stream().map(d -> new NewMessage.Recipient(d, null)).toList());
  }

  private java.util.concurrent.CompletableFuture<Appended> append(Draft draft) {
    return store().append(draft.message(), message -> Outcome.ok(draft.recipients()), NOWHERE)
        .thenApply(outcome -> ((Outcome.Ok<Appended>) outcome).value());
  }

  @Test
  default void appendGivesConsecutiveSeqsPerConversation() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    // when
    var first = await(append(shared(conversation, alice, "c1", "one", List.of(bob))));
    var second = await(append(shared(conversation, bob, "c1", "two", List.of(alice))));
    // then
    assertThat(first.seq()).isEqualTo(1);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(store().lastSeq(conversation)).isEqualTo(2);
    assertThat(store().lastSeq(ConversationId.newGroup())).isZero();
  }

  @Test
  default void retriedAppendWithSameClientMessageIdStoresNothingTwice() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var first = await(append(shared(conversation, alice, "retry-me", "hello", List.of(bob))));
    // when
    var retry = await(append(shared(conversation, alice, "retry-me", "hello", List.of(bob))));
    // then
    assertThat(retry.duplicate()).isTrue();
    assertThat(retry.messageId()).isEqualTo(first.messageId());
    assertThat(retry.seq()).isEqualTo(first.seq());
    assertThat(retry.serverTime()).isEqualTo(first.serverTime());
    assertThat(retry.deliveries()).isEmpty();
    assertThat(store().pendingCount(bob)).isEqualTo(1);
    assertThat(store().lastSeq(conversation)).isEqualTo(1);
  }

  @Test
  default void sameClientMessageIdFromAnotherDeviceIsAnotherMessage() {
    // given
    var account = AccountId.random();
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(account, bob.account());
    // when
    var fromPhone = await(append(shared(conversation, device(account, 1), "same", "a", List.of(bob))));
    var fromLaptop = await(append(shared(conversation, device(account, 2), "same", "b", List.of(bob))));
    // then
    assertThat(fromLaptop.duplicate()).isFalse();
    assertThat(fromLaptop.messageId()).isNotEqualTo(fromPhone.messageId());
  }

  @Test
  default void deliveriesComeBackInCommitOrderWithTheirPayloads() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    for (int i = 0; i < 5; i++) {
      await(append(shared(conversation, alice, "m" + i, "payload " + i, List.of(bob))));
    }
    // when
    var firstPage = store().pending(bob, 0, 3);
    var secondPage = store().pending(bob, firstPage.getLast().deliveryId(), 10);
    // then
    assertThat(firstPage).hasSize(3);
    assertThat(secondPage).hasSize(2);
    var all = new java.util.ArrayList<>(firstPage);
    all.addAll(secondPage);
    assertThat(all).extracting(ServerFrame.Delivery::deliveryId).isSorted().doesNotHaveDuplicates();
    assertThat(all).allSatisfy(d -> assertThat(d).isInstanceOf(ServerFrame.Message.class));
    assertThat(all).extracting(d -> ((ServerFrame.Message) d).payload())
        .containsExactly("payload 0", "payload 1", "payload 2", "payload 3", "payload 4");
    assertThat(all).extracting(d -> ((ServerFrame.Message) d).seq()).containsExactly(1L, 2L, 3L, 4L, 5L);
    var message = (ServerFrame.Message) all.getFirst();
    assertThat(message.senderAccountId()).isEqualTo(alice.account());
    assertThat(message.senderDeviceId()).isEqualTo(1);
    assertThat(message.conversationId()).isEqualTo(conversation);
  }

  @Test
  default void appendReturnsTheDeliveriesItQueued() {
    // given
    var alice = device(AccountId.random(), 1);
    var bobPhone = device(AccountId.random(), 1);
    var bobLaptop = device(bobPhone.account(), 2);
    var conversation = ConversationId.direct(alice.account(), bobPhone.account());
    // when
    var appended = await(append(shared(conversation, alice, "c", "hi", List.of(bobPhone, bobLaptop))));
    // then
    assertThat(appended.deliveries()).extracting(Addressed::device).containsExactly(bobPhone, bobLaptop);
    assertThat(store().pending(bobLaptop, 0, 10)).containsExactly(appended.deliveries().get(1).delivery());
  }

  @Test
  default void perDevicePayloadsReachOnlyTheirDevice() {
    // given
    var alice = device(AccountId.random(), 1);
    var bobPhone = device(AccountId.random(), 1);
    var bobLaptop = device(bobPhone.account(), 2);
    var conversation = ConversationId.direct(alice.account(), bobPhone.account());
    var copies = List.of(new NewMessage.Recipient(bobPhone, "for-phone"), new NewMessage.Recipient(bobLaptop, "for-laptop"));
    var message = new NewMessage(MessageId.generate(System.currentTimeMillis()), conversation, alice, "e2ee", 1L, null,
        java.util.Map.of(bobPhone, "for-phone", bobLaptop, "for-laptop"));
    // when
    await(append(new Draft(message, copies)));
    // then
    assertThat(((ServerFrame.Message) store().pending(bobPhone, 0, 10).getFirst()).payload()).isEqualTo("for-phone");
    assertThat(((ServerFrame.Message) store().pending(bobLaptop, 0, 10).getFirst()).payload()).isEqualTo("for-laptop");
    assertThat(store().history(conversation, bobPhone, null, null, 10, 0).messages().getFirst().payload()).isEqualTo("for-phone");
    assertThat(store().history(conversation, alice, null, null, 10, 0).messages().getFirst().payload()).isNull();
  }

  /**
   * Returns once everything written before has been routed: receipts are routed after their batch's
   * futures complete, so a write committed later (this read marker, of nobody's conversation) is
   * the first point at which "nothing was routed" can be checked.
   */
  private void settle() {
    await(store().markRead(device(AccountId.random(), 1), ConversationId.newGroup(), 1, senders -> List.of(), NOWHERE));
  }

  /** Receipt routing for tests: the devices {@code targets} names are told; routed receipts land in {@code routed}. */
  private static ReceiptRouting recording(List<Addressed> routed, Function<AckedMessage, List<DeviceId>> targets) {
    return ReceiptRouting.of(targets, routed::addAll);
  }

  @Test
  default void ackRemovesTheDeliveryAndQueuesReceiptsForTheNamedDevices() {
    // given
    var alicePhone = device(AccountId.random(), 1);
    var aliceLaptop = device(alicePhone.account(), 2);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alicePhone.account(), bob.account());
    var appended = await(append(shared(conversation, alicePhone, "c", "hi", List.of(bob))));
    var deliveryId = appended.deliveries().getFirst().delivery().deliveryId();
    var routed = new CopyOnWriteArrayList<Addressed>();
    var routing = recording(routed, acked -> {
      assertThat(acked.sender()).isEqualTo(alicePhone);
      assertThat(acked.messageId()).isEqualTo(appended.messageId());
      return List.of(alicePhone, aliceLaptop);
    });
    // when
    await(store().ack(bob, List.of(deliveryId), routing));
    // then
    assertThat(store().pendingCount(bob)).isZero();
    Awaitility.await().untilAsserted(() ->
        assertThat(routed).extracting(Addressed::device).containsExactly(alicePhone, aliceLaptop));
    var queued = store().pending(aliceLaptop, 0, 10);
    assertThat(queued).singleElement().isInstanceOfSatisfying(ServerFrame.Delivered.class, delivered -> {
      assertThat(delivered.conversationId()).isEqualTo(conversation);
      assertThat(delivered.devices()).containsExactly(new ServerFrame.DeviceRef(bob.account(), 1));
      assertThat(delivered.messages()).containsExactly(new ServerFrame.MessageRef(appended.messageId(), appended.seq()));
    });
    assertThat(routed.get(1).delivery()).isEqualTo(queued.getFirst());
  }

  @Test
  default void appendHandsItsDeliveriesToRouteBeforeItsFutureCompletes() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var bobLaptop = device(bob.account(), 2);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var routed = new CopyOnWriteArrayList<Addressed>();
    var draft = shared(conversation, alice, "routed", "hi", List.of(bob, bobLaptop));
    // when
    var outcome = await(store().append(draft.message(), message -> Outcome.ok(draft.recipients()), routed::addAll));
    // then (no waiting: the route ran first)
    assertThat(routed).isEqualTo(((Outcome.Ok<Appended>) outcome).value().deliveries());
    assertThat(routed).extracting(Addressed::device).containsExactly(bob, bobLaptop);
  }

  @Test
  default void eachDeviceIsRoutedItsMessagesAndReceiptsInIdOrder() {
    // given 40 messages from alice to bob
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var toBob = new ArrayList<Long>();
    for (int i = 0; i < 40; i++) {
      toBob.add(await(append(shared(conversation, alice, "a" + i, "to bob", List.of(bob)))).deliveries().getFirst()
          .delivery().deliveryId());
    }
    var routed = new CopyOnWriteArrayList<Addressed>();
    var receipts = recording(routed, acked -> List.of(acked.sender()));
    // when bob acks each and sends one back, without waiting, so batches mix receipts for alice
    // (queued at the end of a batch) with messages for her (queued by the works)
    var writes = new ArrayList<java.util.concurrent.CompletableFuture<?>>();
    for (int i = 0; i < 40; i++) {
      writes.add(store().ack(bob, List.of(toBob.get(i)), receipts));
      var reply = shared(conversation, bob, "b" + i, "to alice", List.of(alice));
      writes.add(store().append(reply.message(), message -> Outcome.ok(reply.recipients()), routed::addAll));
    }
    for (var write : writes) {
      await(write);
    }
    settle();
    // then alice's deliveries were handed on in increasing id order: 40 messages and the receipts
    var ids = routed.stream().filter(a -> a.device().equals(alice)).map(a -> a.delivery().deliveryId()).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(routed.stream().filter(a -> a.delivery() instanceof ServerFrame.Message)).hasSize(40);
    assertThat(routed.stream().filter(a -> a.delivery() instanceof ServerFrame.Delivered)
        .mapToInt(a -> ((ServerFrame.Delivered) a.delivery()).messages().size()).sum()).isEqualTo(40);
  }

  @Test
  default void oneAckOfSeveralMessagesQueuesOneReceiptNamingThemAllInSeqOrder() {
    // given three messages from alice and one from carol in a group, all delivered to bob
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var carol = device(AccountId.random(), 1);
    var group = ConversationId.newGroup();
    var messages = new ArrayList<Appended>();
    for (var text : List.of("one", "two", "three")) {
      messages.add(await(append(shared(group, alice, "c-" + text, text, List.of(bob, carol)))));
    }
    var fromCarol = await(append(shared(group, carol, "c-carol", "four", List.of(alice, bob))));
    var bobsDeliveries = store().pending(bob, 0, 10).stream().map(ServerFrame.Delivery::deliveryId).toList();
    var routed = new CopyOnWriteArrayList<Addressed>();
    // when bob acks them all at once, newest first
    await(store().ack(bob, bobsDeliveries.reversed(), recording(routed, acked -> List.of(acked.sender()))));
    // then alice gets one receipt for her three messages, carol one for hers
    var toAlice = store().pending(alice, 0, 10).stream().filter(ServerFrame.Delivered.class::isInstance).toList();
    assertThat(toAlice).singleElement().isInstanceOfSatisfying(ServerFrame.Delivered.class, delivered -> {
      assertThat(delivered.devices()).containsExactly(new ServerFrame.DeviceRef(bob.account(), 1));
      assertThat(delivered.messages()).extracting(ServerFrame.MessageRef::seq).containsExactly(1L, 2L, 3L);
      assertThat(delivered.messages()).extracting(ServerFrame.MessageRef::messageId)
          .containsExactlyElementsOf(messages.stream().map(Appended::messageId).toList());
    });
    assertThat(store().pending(carol, 0, 10).stream().filter(ServerFrame.Delivered.class::isInstance).toList())
        .singleElement().isInstanceOfSatisfying(ServerFrame.Delivered.class, delivered ->
            assertThat(delivered.messages()).containsExactly(new ServerFrame.MessageRef(fromCarol.messageId(), 4L)));
    Awaitility.await().untilAsserted(() ->
        assertThat(routed).extracting(Addressed::device).containsExactlyInAnyOrder(alice, carol));
  }

  @Test
  default void ackOfAnotherDevicesDeliveryChangesNothing() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var mallory = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var appended = await(append(shared(conversation, alice, "c", "hi", List.of(bob))));
    var routed = new CopyOnWriteArrayList<Addressed>();
    // when
    await(store().ack(mallory, List.of(appended.deliveries().getFirst().delivery().deliveryId(), 987654321L),
        recording(routed, acked -> List.of(alice))));
    // then
    assertThat(store().pendingCount(bob)).isEqualTo(1);
    assertThat(store().pendingCount(alice)).isZero();
    settle();
    assertThat(routed).isEmpty();
  }

  /**
   * Holds the store's committer inside a write until the returned latch is released, so that the
   * writes submitted meanwhile share its next batch (the resolver of an append runs on the committer).
   */
  private java.util.concurrent.CountDownLatch holdCommitter() {
    var release = new java.util.concurrent.CountDownLatch(1);
    var holding = new java.util.concurrent.CountDownLatch(1);
    var a = device(AccountId.random(), 1);
    var b = device(AccountId.random(), 1);
    var draft = shared(ConversationId.direct(a.account(), b.account()), a, "hold", "x", List.of(b));
    store().append(draft.message(), message -> {
      holding.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Outcome.ok(draft.recipients());
    }, NOWHERE);
    try {
      assertThat(holding.await(10, TimeUnit.SECONDS)).as("the committer ran the holding write").isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return release;
  }

  @Test
  default void acksOfManyDevicesCommittedTogetherEachRemoveOnlyTheirOwnDeliveries() {
    // given a group message to 100 members (more pairs than one delete names)
    var alice = device(AccountId.random(), 1);
    var mallory = device(AccountId.random(), 1);
    var members = new ArrayList<DeviceId>();
    for (int i = 0; i < 100; i++) {
      members.add(device(AccountId.random(), 1));
    }
    var group = ConversationId.newGroup();
    var appended = await(append(shared(group, alice, "c", "to all", members)));
    var routed = new CopyOnWriteArrayList<Addressed>();
    var toAlice = recording(routed, acked -> List.of(alice));
    // when every member acks in one batch; mallory names member 30's delivery just before member 30
    // acks it and member 40's just after; the last member names its own twice in one frame and again
    // in another
    var release = holdCommitter();
    var acks = new ArrayList<java.util.concurrent.CompletableFuture<Void>>();
    for (var delivery : appended.deliveries()) {
      long id = delivery.delivery().deliveryId();
      if (delivery.device().equals(members.get(30))) {
        acks.add(store().ack(mallory, List.of(id), toAlice));
      }
      var ids = delivery.device().equals(members.getLast()) ? List.of(id, id) : List.of(id);
      acks.add(store().ack(delivery.device(), ids, toAlice));
      if (delivery.device().equals(members.get(40))) {
        acks.add(store().ack(mallory, List.of(id), toAlice));
      }
    }
    acks.add(store().ack(members.getLast(), List.of(appended.deliveries().getLast().delivery().deliveryId()), toAlice));
    release.countDown();
    acks.forEach(MessageStoreContract::await);
    // then each member's delivery is gone, and alice is told of each member once, never of mallory
    assertThat(members).allSatisfy(member -> assertThat(store().pendingCount(member)).isZero());
    var told = store().pending(alice, 0, 100).stream()
        .flatMap(d -> ((ServerFrame.Delivered) d).devices().stream())
        .map(ref -> new DeviceId(ref.accountId(), ref.deviceId()))
        .toList();
    assertThat(told).containsExactlyInAnyOrderElementsOf(members);
    assertThat(store().receipts(group, appended.messageId()).orElseThrow().deliveredTo())
        .extracting(ReceiptState.DeliveredTo::device)
        .containsExactlyInAnyOrderElementsOf(members);
  }

  @Test
  default void oneAckOfMoreIdsThanOneDeleteNamesRemovesThemAll() {
    // given 300 messages to bob
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var ids = new ArrayList<Long>();
    for (int i = 0; i < 300; i++) {
      ids.add(await(append(shared(conversation, alice, "m" + i, "x", List.of(bob)))).deliveries().getFirst().delivery()
          .deliveryId());
    }
    // when bob acks them all in one frame
    await(store().ack(bob, ids, recording(new CopyOnWriteArrayList<>(), acked -> List.of(alice))));
    // then
    assertThat(store().pendingCount(bob)).isZero();
    assertThat(store().pending(alice, 0, 10).stream()
        .mapToInt(d -> ((ServerFrame.Delivered) d).messages().size()).sum()).isEqualTo(300);
  }

  @Test
  default void acksInABatchThatRollsBackAreAppliedOnceWhenItsWorksAreRetriedAlone() {
    // given two messages to two members
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var carol = device(AccountId.random(), 1);
    var group = ConversationId.newGroup();
    var first = await(append(shared(group, alice, "c1", "one", List.of(bob, carol))));
    // when both ack in a batch with a write that fails, so the batch is rolled back and retried work by work
    var routing = recording(new CopyOnWriteArrayList<>(), acked -> List.of(alice));
    var release = holdCommitter();
    var bobAck = store().ack(bob, List.of(first.deliveries().get(0).delivery().deliveryId()), routing);
    var failing = shared(group, alice, "c2", "two", List.of(bob, carol));
    var failed = store().append(failing.message(), message -> {
      throw new IllegalStateException("a failing write");
    }, NOWHERE);
    var carolAck = store().ack(carol, List.of(first.deliveries().get(1).delivery().deliveryId()), routing);
    release.countDown();
    await(bobAck);
    await(carolAck);
    assertThat(failed).failsWithin(10, TimeUnit.SECONDS);
    // then each ack took effect once: alice is told of bob and of carol once each
    var told = store().pending(alice, 0, 10).stream()
        .flatMap(d -> ((ServerFrame.Delivered) d).devices().stream())
        .map(ref -> new DeviceId(ref.accountId(), ref.deviceId()))
        .toList();
    assertThat(told).containsExactlyInAnyOrder(bob, carol);
    assertThat(store().pendingCount(bob)).isZero();
    assertThat(store().pendingCount(carol)).isZero();
  }

  @Test
  default void anAckSubmittedBeforeItsDeviceIsDroppedStillQueuesItsReceipt() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var appended = await(append(shared(conversation, alice, "c", "hi", List.of(bob))));
    // when bob acks and is dropped in the same batch
    var release = holdCommitter();
    var ack = store().ack(bob, List.of(appended.deliveries().getFirst().delivery().deliveryId()),
        recording(new CopyOnWriteArrayList<>(), acked -> List.of(alice)));
    var drop = store().dropDevice(bob);
    release.countDown();
    await(ack);
    await(drop);
    // then
    assertThat(store().pending(alice, 0, 10)).singleElement().isInstanceOfSatisfying(ServerFrame.Delivered.class,
        delivered -> assertThat(delivered.devices()).containsExactly(new ServerFrame.DeviceRef(bob.account(), 1)));
  }

  @Test
  default void ackingAReceiptQueuesNothingFurther() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var appended = await(append(shared(conversation, alice, "c", "hi", List.of(bob))));
    await(store().ack(bob, List.of(appended.deliveries().getFirst().delivery().deliveryId()),
        recording(new CopyOnWriteArrayList<>(), acked -> List.of(alice))));
    var receiptId = store().pending(alice, 0, 10).getFirst().deliveryId();
    var routed = new CopyOnWriteArrayList<Addressed>();
    // when
    await(store().ack(alice, List.of(receiptId), recording(routed, acked -> List.of(bob))));
    // then
    assertThat(store().pendingCount(alice)).isZero();
    assertThat(store().pendingCount(bob)).isZero();
    settle();
    assertThat(routed).isEmpty();
  }

  @Test
  default void readReceiptsAreQueuedOnlyWhenTheMarkerAdvances() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    // when
    var first = await(store().markRead(bob, conversation, 5, senders -> List.of(alice), NOWHERE));
    var older = await(store().markRead(bob, conversation, 3, senders -> List.of(alice), NOWHERE));
    var same = await(store().markRead(bob, conversation, 5, senders -> List.of(alice), NOWHERE));
    // then
    assertThat(first).singleElement().satisfies(r -> assertThat(r.delivery()).isInstanceOfSatisfying(ServerFrame.ReadUpTo.class,
        read -> {
          assertThat(read.seq()).isEqualTo(5);
          assertThat(read.accountId()).isEqualTo(bob.account());
        }));
    assertThat(older).isEmpty();
    assertThat(same).isEmpty();
    assertThat(store().pending(alice, 0, 10)).hasSize(1);
  }

  @Test
  default void historyPagesBackwardAndForwardBySeq() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    for (int i = 1; i <= 7; i++) {
      await(append(shared(conversation, alice, "h" + i, "m" + i, List.of(bob))));
    }
    // when
    var newest = store().history(conversation, bob, null, null, 3, 0);
    var before = store().history(conversation, bob, 5L, null, 3, 0);
    var after = store().history(conversation, bob, null, 5L, 3, 0);
    // then
    assertThat(newest.messages()).extracting(e -> e.seq()).containsExactly(5L, 6L, 7L);
    assertThat(newest.hasMore()).isTrue();
    assertThat(before.messages()).extracting(e -> e.seq()).containsExactly(2L, 3L, 4L);
    assertThat(before.hasMore()).isTrue();
    assertThat(after.messages()).extracting(e -> e.seq()).containsExactly(6L, 7L);
    assertThat(after.hasMore()).isFalse();
    assertThat(newest.messages().getLast().payload()).isEqualTo("m7");
  }

  @Test
  default void droppedDeviceHasNothingQueued() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    await(append(shared(conversation, alice, "d1", "x", List.of(bob))));
    // when
    await(store().dropDevice(bob));
    // then
    assertThat(store().pendingCount(bob)).isZero();
  }

  @Test
  default void aDeviceDroppedInTheBatchThatQueuedItAMessageKeepsNothingQueued() {
    // given a message to bob and then bob's removal, committed together
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var release = holdCommitter();
    var appended = append(shared(conversation, alice, "d2", "x", List.of(bob)));
    var drop = store().dropDevice(bob);
    // when
    release.countDown();
    await(appended);
    await(drop);
    // then
    assertThat(store().pendingCount(bob)).isZero();
  }

  @Test
  default void messagesToMoreDevicesThanOneInsertHoldsAreEachQueuedOnce() {
    // given two group messages committed together, to more devices than the store inserts at once
    var alice = device(AccountId.random(), 1);
    var members = java.util.stream.IntStream.range(0, 2_100).mapToObj(i -> device(AccountId.random(), 1)).toList();
    var group = ConversationId.newGroup();
    var release = holdCommitter();
    var first = append(shared(group, alice, "m1", "one", members));
    var second = append(shared(group, alice, "m2", "two", members));
    // when
    release.countDown();
    await(first);
    await(second);
    // then
    for (var member : List.of(members.getFirst(), members.get(1_500), members.getLast())) {
      assertThat(store().pending(member, 0, 10)).extracting(d -> ((ServerFrame.Message) d).payload())
          .containsExactly("one", "two");
    }
  }

  @Test
  default void messagesInABatchThatRollsBackAreQueuedOnceWhenItsWorksAreRetriedAlone() {
    // given two messages to bob in a batch with a write that fails, so the batch is rolled back and retried work by work
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var release = holdCommitter();
    var first = append(shared(conversation, alice, "r1", "one", List.of(bob)));
    var failing = shared(conversation, alice, "r2", "two", List.of(bob));
    var failed = store().append(failing.message(), message -> {
      throw new IllegalStateException("a failing write");
    }, NOWHERE);
    var third = append(shared(conversation, alice, "r3", "three", List.of(bob)));
    // when
    release.countDown();
    await(first);
    await(third);
    assertThat(failed).failsWithin(10, TimeUnit.SECONDS);
    // then bob has each stored message queued once
    assertThat(store().pending(bob, 0, 10)).extracting(d -> ((ServerFrame.Message) d).payload())
        .containsExactly("one", "three");
  }

  @Test
  default void concurrentAppendsToOneConversationGetDistinctSeqs() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    // when
    var futures = java.util.stream.IntStream.range(0, 200)
        .mapToObj(i -> append(shared(conversation, i % 2 == 0 ? alice : bob, UUID.randomUUID().toString(), "p" + i,
            List.of(i % 2 == 0 ? bob : alice))))
        .toList();
    var seqs = futures.stream().map(f -> await(f).seq()).toList();
    // then: submission order is seq order, with no gaps
    assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
  }

  @Test
  default void aRefusingResolverStoresNothing() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var draft = shared(conversation, alice, "refused", "x", List.of(bob));
    // when
    var outcome = await(store().append(draft.message(),
        message -> Outcome.refused(dev.parley.protocol.ErrorCode.NOT_A_MEMBER, "removed meanwhile"), NOWHERE));
    // then
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    assertThat(store().lastSeq(conversation)).isZero();
    assertThat(store().pendingCount(bob)).isZero();
  }

  @Test
  default void historyNeverShowsMessagesAtOrBelowTheFloor() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    for (int i = 1; i <= 5; i++) {
      await(append(shared(conversation, alice, "f" + i, "m" + i, List.of(bob))));
    }
    // when
    var page = store().history(conversation, bob, null, null, 10, 3);
    // then
    assertThat(page.messages()).extracting(e -> e.seq()).containsExactly(4L, 5L);
  }

  @Test
  default void readReceiptsGoToTheSendersOfNewlyReadMessages() {
    // given alice and carol each sent one message; bob read the first already
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var carol = device(AccountId.random(), 1);
    var conversation = ConversationId.newGroup();
    await(append(shared(conversation, alice, "a", "from alice", List.of(bob, carol))));
    await(append(shared(conversation, carol, "c", "from carol", List.of(alice, bob))));
    await(store().markRead(bob, conversation, 1, senders -> List.of(), NOWHERE));
    // when
    var told = new java.util.ArrayList<java.util.Set<AccountId>>();
    await(store().markRead(bob, conversation, 2, senders -> {
      told.add(senders);
      return List.of(carol);
    }, NOWHERE));
    // then only carol's message was newly read
    assertThat(told).containsExactly(java.util.Set.of(carol.account()));
  }

  @Test
  default void ackedMessagesShowUpInTheirReceiptsWithReadMarkers() {
    // given
    var alice = device(AccountId.random(), 1);
    var bob = device(AccountId.random(), 1);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var appended = await(append(shared(conversation, alice, "r", "hello", List.of(bob))));
    // when
    await(store().ack(bob, List.of(appended.deliveries().getFirst().delivery().deliveryId()), recording(new CopyOnWriteArrayList<>(), acked -> List.of())));
    await(store().markRead(bob, conversation, appended.seq(), senders -> List.of(), NOWHERE));
    // then
    var receipts = store().receipts(conversation, appended.messageId()).orElseThrow();
    assertThat(receipts.sender()).isEqualTo(alice);
    assertThat(receipts.deliveredTo()).extracting(ReceiptState.DeliveredTo::device).containsExactly(bob);
    assertThat(receipts.readUpTo()).containsEntry(bob.account(), appended.seq());
    assertThat(store().receipts(conversation, MessageId.generate(1L))).isEmpty();
  }
}
