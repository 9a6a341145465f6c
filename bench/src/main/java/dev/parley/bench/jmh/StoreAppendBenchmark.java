package dev.parley.bench.jmh;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.server.messaging.NewMessage;
import dev.parley.server.messaging.sql.SqlMessageStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * The store's batched insert: {@code SqlMessageStore.append} of a 1:1 message (message row, counter,
 * one delivery) through the {@link dev.parley.server.store.GroupCommitter}, on SQLite in a temporary directory with the
 * server's defaults (WAL, synchronous=FULL). One operation submits {@code batch} appends at once and
 * waits for all of them, so the score per operation divided by {@code batch} is the cost of one
 * message when {@code batch} writes share a transaction and its fsync.
 * Run: {@code java -cp bench/target/parley-bench.jar:bench/target/lib/* org.openjdk.jmh.Main StoreAppend}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreAppendBenchmark {
  @Param({"1", "16", "256"})
  int batch;

  private TempStore temp;
  private SqlMessageStore store;
  private final AtomicLong clientIds = new AtomicLong();
  private DeviceId sender;
  private DeviceId recipient;
  private ConversationId conversation;

  @Setup(Level.Trial)
  public void open() throws IOException {
    temp = TempStore.openPlainTransactions("parley-jmh-store-");
    store = temp.store;
    sender = new DeviceId(AccountId.random(), 1);
    recipient = new DeviceId(AccountId.random(), 1);
    conversation = ConversationId.direct(sender.account(), recipient.account());
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    temp.close();
  }

  @Benchmark
  public void appendBatch() {
    var futures = new CompletableFuture<?>[batch];
    long now = System.currentTimeMillis();
    for (int i = 0; i < batch; i++) {
      var message = new NewMessage(MessageId.generate(now), conversation, sender, Long.toString(clientIds.incrementAndGet()), now,
          "x".repeat(64), null);
      futures[i] = store.append(message, m -> Outcome.ok(List.of(new NewMessage.Recipient(recipient, null))), _ -> { });
    }
    CompletableFuture.allOf(futures).join();
  }
}
