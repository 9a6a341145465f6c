package dev.parley.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.HistoryPage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DeliveryStreamTest {
  private static final DeviceId DEVICE = new DeviceId(new AccountId("bob"), 1);
  private static final DeviceId SENDER = new DeviceId(new AccountId("alice"), 1);
  private static final ConversationId CONVERSATION = ConversationId.direct(SENDER.account(), DEVICE.account());
  private static final Executor DIRECT = Runnable::run;

  private final FakeMessageStore store = new FakeMessageStore();
  private final RecordingSink sink = new RecordingSink();

  @Test
  void backlogArrivesInIdOrderThenCaughtUp() {
    // given
    store.commit(3, 1, 5, 2, 4);
    var stream = new DeliveryStream(DEVICE, store, sink, 10, DIRECT);

    // when
    stream.start();

    // then
    assertThat(sink.events()).containsExactly("1", "2", "3", "4", "5", "caught-up 5");
    assertThat(stream.isCaughtUp()).isTrue();
  }

  @Test
  void emptyQueueIsCaughtUpAtOnce() {
    // given
    var stream = new DeliveryStream(DEVICE, store, sink, 10, DIRECT);

    // when
    stream.start();

    // then
    assertThat(sink.events()).containsExactly("caught-up 0");
  }

  @Test
  void backlogLongerThanAPageIsReadInFull() {
    // given: more than one read page (256)
    store.commit(LongStream.rangeClosed(1, 600).toArray());
    var stream = new DeliveryStream(DEVICE, store, sink, 10_000, DIRECT);

    // when
    stream.start();

    // then
    assertThat(sink.deliveredIds()).containsExactlyElementsOf(LongStream.rangeClosed(1, 600).boxed().toList());
    assertThat(sink.caughtUps()).containsExactly(600L);
  }

  @Test
  void neverMoreThanWindowUnackedAreInFlight() {
    // given
    store.commit(LongStream.rangeClosed(1, 10).toArray());
    var stream = new DeliveryStream(DEVICE, store, sink, 3, DIRECT);

    // when
    stream.start();

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L);
    assertThat(sink.caughtUps()).isEmpty();
    assertThat(stream.isCaughtUp()).isFalse();
  }

  @Test
  void acksReleaseAsManyDeliveriesAsTheyFree() {
    // given
    store.commit(LongStream.rangeClosed(1, 10).toArray());
    var stream = new DeliveryStream(DEVICE, store, sink, 3, DIRECT);
    stream.start();

    // when
    ackStored(stream, List.of(1L));
    ackStored(stream, List.of(2L, 3L));

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(sink.caughtUps()).isEmpty();
  }

  @Test
  void backlogLongerThanTheWindowEndsWithOneCaughtUpCountingAll() {
    // given
    store.commit(LongStream.rangeClosed(1, 10).toArray());
    var stream = new DeliveryStream(DEVICE, store, sink, 3, DIRECT);
    stream.start();

    // when
    for (long id = 1; id <= 10; id++) {
      ackStored(stream, List.of(id));
    }

    // then
    assertThat(sink.deliveredIds()).containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
    assertThat(sink.caughtUps()).containsExactly(10L);
    assertThat(sink.events().getLast()).isEqualTo("caught-up 10");
  }

  @Test
  void ackOfUnknownIdsReleasesNothing() {
    // given
    store.commit(1, 2, 3, 4);
    var stream = new DeliveryStream(DEVICE, store, sink, 2, DIRECT);
    stream.start();

    // when
    ackStored(stream, List.of(99L, 100L));

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L);
  }

  @Test
  void liveOfferAfterCaughtUpIsForwardedAtOnce() {
    // given
    var stream = new DeliveryStream(DEVICE, store, sink, 10, DIRECT);
    stream.start();

    // when
    stream.offer(store.commit(1).getFirst());

    // then
    assertThat(sink.events()).containsExactly("caught-up 0", "1");
    assertThat(store.reads()).isEqualTo(1);
  }

  @Test
  void offerBeforeTheFirstReadRunsIsDeliveredOnceByTheRead() {
    // given
    var executor = new FakeExecutor();
    var stream = new DeliveryStream(DEVICE, store, sink, 10, executor);
    stream.start();

    // when
    stream.offer(store.commit(1).getFirst());
    executor.runAll();

    // then
    assertThat(sink.events()).containsExactly("1", "caught-up 1");
  }

  @Test
  void offerArrivingWhileAReadIsInProgressIsNotLost() {
    // given: the read takes its snapshot, then a delivery commits and is offered before the stream goes live
    var executor = new FakeExecutor();
    var stream = new DeliveryStream(DEVICE, store, sink, 10, executor);
    store.afterNextRead(() -> stream.offer(store.commit(1).getFirst()));
    stream.start();

    // when
    executor.runAll();

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L);
    assertThat(stream.isCaughtUp()).isTrue();
  }

  @Test
  void offerArrivingDuringAReadThatFillsTheWindowIsDeliveredAfterAcks() {
    // given
    store.commit(1, 2);
    var executor = new FakeExecutor();
    var stream = new DeliveryStream(DEVICE, store, sink, 2, executor);
    store.afterNextRead(() -> stream.offer(store.commit(3).getFirst()));
    stream.start();
    executor.runAll();

    // when
    ackStored(stream, List.of(1L, 2L));
    executor.runAll();

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L);
    assertThat(sink.caughtUps()).containsExactly(3L);
  }

  @Test
  void duplicateOffersOfDeliveredIdsAreDropped() {
    // given
    store.commit(1, 2, 3);
    var stream = new DeliveryStream(DEVICE, store, sink, 10, DIRECT);
    stream.start();

    // when
    stream.offer(store.get(2));
    stream.offer(store.get(3));
    stream.offer(store.commit(4).getFirst());
    stream.offer(store.get(4));

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void fullWindowInLiveModeFallsBackToReadingAndLaterDeliversEverythingInOrder() {
    // given
    var stream = new DeliveryStream(DEVICE, store, sink, 2, DIRECT);
    stream.start();
    for (var delivery : store.commit(1, 2, 3, 4, 5)) {
      stream.offer(delivery);
    }
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L);

    // when
    ackStored(stream, List.of(1L, 2L));
    stream.offer(store.commit(6).getFirst()); // the stream is reading: the store has it
    ackStored(stream, List.of(3L, 4L));
    ackStored(stream, List.of(5L, 6L));
    stream.offer(store.commit(7).getFirst());

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(sink.caughtUps()).containsExactly(0L);
  }

  @Test
  void streamReturnsToLiveForwardingAfterCatchingUpAgain() {
    // given: the window filled up and the stream fell back to reading
    var stream = new DeliveryStream(DEVICE, store, sink, 1, DIRECT);
    stream.start();
    stream.offer(store.commit(1).getFirst());
    stream.offer(store.commit(2).getFirst());
    ackStored(stream, List.of(1L));
    ackStored(stream, List.of(2L));
    int readsBefore = store.reads();

    // when
    stream.offer(store.commit(3).getFirst());

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L);
    assertThat(store.reads()).isEqualTo(readsBefore);
  }

  @Test
  void closedStreamReadsAndDeliversNothing() {
    // given
    store.commit(1, 2);
    var stream = new DeliveryStream(DEVICE, store, sink, 10, DIRECT);
    stream.close();

    // when
    stream.start();
    stream.offer(store.commit(3).getFirst());
    ackStored(stream, List.of(1L));

    // then
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void streamClosedAfterCaughtUpForwardsNoMoreOffers() {
    // given
    var stream = new DeliveryStream(DEVICE, store, sink, 10, DIRECT);
    stream.start();

    // when
    stream.close();
    stream.offer(store.commit(1).getFirst());

    // then
    assertThat(sink.events()).containsExactly("caught-up 0");
  }

  @Test
  void streamClosedWhileItsReadIsInFlightDeliversNothing() {
    // given
    store.commit(1, 2);
    var executor = new FakeExecutor();
    var stream = new DeliveryStream(DEVICE, store, sink, 10, executor);
    store.afterNextRead(stream::close);
    stream.start();

    // when
    executor.runAll();

    // then
    assertThat(sink.events()).isEmpty();
  }

  @Test
  void failedReadIsContainedAndTheNextAckReadsAgain() {
    // given
    store.commit(1, 2, 3);
    var stream = new DeliveryStream(DEVICE, store, sink, 2, DIRECT);
    stream.start();
    store.failNextRead();

    // when
    ackStored(stream, List.of(1L));
    ackStored(stream, List.of(2L));

    // then
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void concurrentCommitsAndAcksDeliverEveryEntryOnceInOrder() throws Exception {
    // given
    int total = 3_000;
    var acks = new LinkedBlockingQueue<Long>();
    var delivered = new LinkedBlockingQueue<Long>();
    DeliveryStream.Sink queueingSink = new DeliveryStream.Sink() {
      @Override
      public void deliver(ServerFrame.Delivery delivery) {
        delivered.add(delivery.deliveryId());
        acks.add(delivery.deliveryId());
      }

      @Override
      public void caughtUp(long count) {}
    };
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      var stream = new DeliveryStream(DEVICE, store, queueingSink, 8, executor);
      stream.start();
      executor.execute(() -> {
        for (long id = 1; id <= total; id++) {
          stream.offer(store.commit(id).getFirst());
        }
      });
      executor.execute(() -> {
        try {
          for (int i = 0; i < total; i++) {
            ackStored(stream, List.of(acks.take()));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });

      // when
      await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() >= total);
      stream.close();
    }

    // then
    assertThat(new ArrayList<>(delivered)).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
  }

  /** Records what reached the socket, in order: delivery ids and caught-up counts. */
  private static final class RecordingSink implements DeliveryStream.Sink {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void deliver(ServerFrame.Delivery delivery) {
      events.add(Long.toString(delivery.deliveryId()));
    }

    @Override
    public synchronized void caughtUp(long delivered) {
      events.add("caught-up " + delivered);
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    synchronized List<Long> deliveredIds() {
      return events.stream().filter(e -> !e.startsWith("caught-up")).map(Long::valueOf).toList();
    }

    synchronized List<Long> caughtUps() {
      return events.stream().filter(e -> e.startsWith("caught-up ")).map(e -> Long.valueOf(e.substring(10))).toList();
    }
  }

  /** Runs submitted tasks only when the test says so. */
  private static final class FakeExecutor implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      Runnable task;
      while ((task = next()) != null) {
        task.run();
      }
    }

    private synchronized Runnable next() {
      return tasks.poll();
    }
  }

  /** One device's delivery queue in memory: only {@link #pending} is implemented. */
  private static final class FakeMessageStore implements MessageStore {
    private final ConcurrentSkipListMap<Long, ServerFrame.Delivery> queue = new ConcurrentSkipListMap<>();
    private volatile Runnable afterNextRead;
    private volatile boolean failNextRead;
    private volatile int reads;

    /** Commits deliveries with these ids and returns them, for offering. */
    List<ServerFrame.Delivery> commit(long... ids) {
      var committed = new ArrayList<ServerFrame.Delivery>();
      for (var id : ids) {
        var delivery = new ServerFrame.Message(id, MessageId.generate(1_700_000_000_000L + id), CONVERSATION, id,
            SENDER.account(), SENDER.number(), 1_700_000_000_000L + id, "payload " + id);
        queue.put(id, delivery);
        committed.add(delivery);
      }
      return committed;
    }

    ServerFrame.Delivery get(long id) {
      return queue.get(id);
    }

    /** Runs {@code action} after the next read has taken its snapshot, before it returns. */
    void afterNextRead(Runnable action) {
      afterNextRead = action;
    }

    void failNextRead() {
      failNextRead = true;
    }

    int reads() {
      return reads;
    }

    @Override
    public List<ServerFrame.Delivery> pending(DeviceId device, long afterId, int limit) {
      assertThat(device).isEqualTo(DEVICE);
      reads++;
      if (failNextRead) {
        failNextRead = false;
        throw new IllegalStateException("database unavailable");
      }
      var page = queue.tailMap(afterId, false).values().stream().limit(limit).toList();
      var action = afterNextRead;
      if (action != null) {
        afterNextRead = null;
        action.run();
      }
      return page;
    }

    @Override
    public CompletableFuture<dev.parley.protocol.Outcome<Appended>> append(NewMessage message, RecipientResolver recipients,
        java.util.function.Consumer<List<Addressed>> route) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> ack(DeviceId device, Collection<Long> deliveryIds, ReceiptRouting routing) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<List<Addressed>> markRead(DeviceId reader, ConversationId conversationId, long seq,
        Function<java.util.Set<dev.parley.protocol.AccountId>, List<DeviceId>> tell,
        java.util.function.Consumer<List<Addressed>> route) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long pendingCount(DeviceId device) {
      throw new UnsupportedOperationException();
    }

    @Override
    public HistoryPage history(ConversationId conversationId, DeviceId reader, Long beforeSeq, Long afterSeq, int limit,
        long floorSeq) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.util.Optional<ReceiptState> receipts(ConversationId conversationId, dev.parley.protocol.MessageId messageId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long lastSeq(ConversationId conversationId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> dropDevice(DeviceId device) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void acksTheStoreHasNotStoredYetHoldTheStreamAfterOneWindow() {
    // given a backlog of 10 and a window of 3, and acks whose deletes the store has not stored yet
    store.commit(LongStream.rangeClosed(1, 10).toArray());
    var stream = new DeliveryStream(DEVICE, store, sink, 3, DIRECT);
    stream.start();

    // when the device acks the first window: the slots are free at once
    int first = stream.acknowledged(List.of(1L, 2L, 3L));

    // then nothing more is sent while a whole window of acks waits for the store
    assertThat(first).isEqualTo(3);
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L);

    // when the store has stored them
    stream.ackStored(first);

    // then the stream goes on
    assertThat(sink.deliveredIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
  }

  @Test
  void acksOfDeliveriesNotInFlightFreeNothing() {
    store.commit(1, 2);
    var stream = new DeliveryStream(DEVICE, store, sink, 3, DIRECT);
    stream.start();

    assertThat(stream.acknowledged(List.of(2L, 7L, 2L))).isEqualTo(1);
  }

  /** Acks whose deletes the store stored at once. */
  private static void ackStored(DeliveryStream stream, java.util.Collection<Long> ids) {
    stream.ackStored(stream.acknowledged(ids));
  }
}
