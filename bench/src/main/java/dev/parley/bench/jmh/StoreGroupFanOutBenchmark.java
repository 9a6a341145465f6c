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
 * Everything the store does for one message to a group, as the {@code group} workload drives it: the
 * send (message row and a delivery per member device), each member's ack of it (its own ack frame,
 * so its own work in the committer's batch; the batch then deletes, records and merges the receipts
 * of all its acks together) and the sender's ack of the merged receipts. The score divided by {@code members} is
 * the store's cost of one member delivery, on SQLite with the server's defaults ({@code -p fsync=false}:
 * without an fsync per commit); it is the committer
 * thread's share of the {@code group} workload, the one part of it that cannot run on two cores at once.
 * Run: {@code java -cp 'bench/target/parley-bench.jar:bench/target/lib/*' org.openjdk.jmh.Main StoreGroupFanOut}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StoreGroupFanOutBenchmark {
  @Param({"1024"})
  int members;

  /** false: SQLite's synchronous=NORMAL, no fsync per commit, for the CPU cost alone (disk latency is noisy here). */
  @Param({"true"})
  boolean fsync;

  private TempStore temp;
  private GroupCommitter committer;
  private SqlMessageStore store;
  private final AtomicLong clientIds = new AtomicLong();
  private final ConversationId group = ConversationId.newGroup();
  private List<NewMessage.Recipient> recipients;
  private DeviceId sender;

  @Setup(Level.Trial)
  public void open() throws IOException {
    temp = TempStore.open("parley-jmh-group-", fsync);
    committer = temp.committer;
    store = temp.store;
    sender = new DeviceId(AccountId.random(), 1);
    recipients = new ArrayList<>();
    for (int i = 0; i < members - 1; i++) {
      recipients.add(new NewMessage.Recipient(new DeviceId(AccountId.random(), 1), null));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    temp.close();
  }

  @Benchmark
  public void fanOut() {
    long now = System.currentTimeMillis();
    var message = new NewMessage(MessageId.generate(now), group, sender, Long.toString(clientIds.incrementAndGet()), now,
        "x".repeat(64), null);
    var appended = store.append(message, _ -> Outcome.ok(recipients), _ -> { }).join();
    var receipts = new CopyOnWriteArrayList<Addressed>();
    var toSender = ReceiptRouting.of(acked -> List.of(acked.sender()), receipts::addAll);
    var acks = new ArrayList<CompletableFuture<Void>>(members);
    for (var delivery : ((Outcome.Ok<Appended>) appended).value().deliveries()) {
      acks.add(store.ack(delivery.device(), List.of(delivery.delivery().deliveryId()), toSender));
    }
    acks.forEach(CompletableFuture::join);
    // Merged receipts are routed after their batch's futures complete: a work submitted now completes after that.
    committer.submit(c -> null).join();
    var toNobody = ReceiptRouting.of(_ -> List.of(), _ -> { });
    store.ack(sender, receipts.stream().map(r -> r.delivery().deliveryId()).toList(), toNobody).join();
  }
}
