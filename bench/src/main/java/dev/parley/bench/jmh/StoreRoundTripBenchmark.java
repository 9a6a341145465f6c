package dev.parley.bench.jmh;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.server.messaging.Addressed;
import dev.parley.server.messaging.Appended;
import dev.parley.server.messaging.NewMessage;
import dev.parley.server.messaging.ReceiptRouting;
import dev.parley.server.messaging.sql.SqlMessageStore;
import dev.parley.server.store.GroupCommitter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Everything the store does for one delivered 1:1 message, as the {@code direct} workload drives it:
 * the send (message row and delivery), the recipient's ack (delete, receipt row, {@code delivered}
 * receipt queued for the sender, merged with the others of its batch) and the sender's ack of that
 * receipt. One operation is {@code batch}
 * messages over {@code pairs} conversations, submitted at once so they share transactions, with acks
 * of up to 64 ids as the clients send them; the score divided by {@code batch} is the store's cost of
 * one message, on SQLite with the server's defaults (WAL, synchronous=FULL, BEGIN IMMEDIATE batches).
 * Run: {@code java -cp 'bench/target/parley-bench.jar:bench/target/lib/*' org.openjdk.jmh.Main StoreRoundTrip}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreRoundTripBenchmark {
  private static final int ACK_BATCH = 64;

  @Param({"256"})
  int batch;

  @Param({"100"})
  int pairs;

  private TempStore temp;
  private GroupCommitter committer;
  private SqlMessageStore store;
  private final AtomicLong clientIds = new AtomicLong();
  private List<DeviceId> senders;
  private List<DeviceId> recipients;

  @Setup(Level.Trial)
  public void open() throws IOException {
    temp = TempStore.open("parley-jmh-roundtrip-", true);
    committer = temp.committer;
    store = temp.store;
    senders = new ArrayList<>();
    recipients = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      senders.add(new DeviceId(AccountId.random(), 1));
      recipients.add(new DeviceId(AccountId.random(), 1));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    temp.close();
  }

  @Benchmark
  public void roundTrip() {
    long now = System.currentTimeMillis();
    var appends = new ArrayList<CompletableFuture<Outcome<Appended>>>(batch);
    for (int i = 0; i < batch; i++) {
      int pair = i % pairs;
      var sender = senders.get(pair);
      var recipient = recipients.get(pair);
      var message = new NewMessage(MessageId.generate(now), ConversationId.direct(sender.account(), recipient.account()), sender,
          Long.toString(clientIds.incrementAndGet()), now, "x".repeat(64), null);
      appends.add(store.append(message, m -> Outcome.ok(List.of(new NewMessage.Recipient(recipient, null))), _ -> { }));
    }
    var deliveries = new ArrayList<Addressed>();
    for (var append : appends) {
      deliveries.addAll(((Outcome.Ok<Appended>) append.join()).value().deliveries());
    }
    var receipts = new CopyOnWriteArrayList<Addressed>();
    var toSenders = ReceiptRouting.of(acked -> List.of(acked.sender()), receipts::addAll);
    var recipientAcks = new ArrayList<CompletableFuture<Void>>();
    for (var acks : ackFrames(deliveries)) {
      recipientAcks.add(store.ack(acks.device(), acks.ids(), toSenders));
    }
    recipientAcks.forEach(CompletableFuture::join);
    // Receipts are routed after their batch's futures complete: a work submitted now completes after that.
    committer.submit(c -> null).join();
    var done = new ArrayList<CompletableFuture<?>>();
    var toNobody = ReceiptRouting.of(_ -> List.of(), _ -> { });
    for (var acks : ackFrames(receipts)) {
      done.add(store.ack(acks.device(), acks.ids(), toNobody));
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
  }

  private record AckFrame(DeviceId device, List<Long> ids) {}

  /** Each device's deliveries, in ack frames of up to {@value #ACK_BATCH} ids. */
  private static List<AckFrame> ackFrames(List<Addressed> deliveries) {
    var byDevice = new java.util.LinkedHashMap<DeviceId, List<Long>>();
    for (var addressed : deliveries) {
      byDevice.computeIfAbsent(addressed.device(), _ -> new ArrayList<>()).add(addressed.delivery().deliveryId());
    }
    var frames = new ArrayList<AckFrame>();
    byDevice.forEach((device, ids) -> {
      for (int from = 0; from < ids.size(); from += ACK_BATCH) {
        frames.add(new AckFrame(device, ids.subList(from, Math.min(ids.size(), from + ACK_BATCH))));
      }
    });
    return frames;
  }
}
