package dev.parley.bench;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code direct}: P sender→recipient pairs, each in its own 1:1 conversation. Without {@code --rate}
 * each sender keeps {@code --window} sends unanswered (waiting for {@code sent}) and sends as fast as
 * the server answers; with {@code --rate R} one scheduler sends message g at t0 + g/R (round-robin over
 * the pairs), and latency is measured from that intended time, so a stall that delays later sends
 * is counted against them (no coordinated omission). Recipients ack every message (batched), so
 * senders receive and ack a {@code delivered} receipt for each: the whole protocol path.
 */
@Command(name = "direct", mixinStandardHelpOptions = true, description = "1:1 throughput and send-to-deliver latency.")
final class DirectWorkload extends Workload {
  @Mixin
  BenchOptions options;

  @Option(names = "--pairs", defaultValue = "100", description = "Sender→recipient pairs (default: ${DEFAULT-VALUE}).")
  int pairs;

  @Option(names = "--messages", defaultValue = "100000", description = "Messages in total, spread evenly over the pairs (default: ${DEFAULT-VALUE}).")
  long messages;

  @Option(names = "--rate", defaultValue = "0", description = "Total sends per second; 0 = as fast as the window allows (default).")
  double rate;

  @Option(names = "--window", defaultValue = "16", description = "Sends per sender awaiting 'sent' (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--size", defaultValue = "64", description = "Payload characters (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--warmup-fraction", defaultValue = "0.1",
      description = "Leading share of each pair's messages left out of the latency figures (JIT warm-up; default: ${DEFAULT-VALUE}).")
  double warmupFraction;

  @Option(names = "--stall-timeout", defaultValue = "30", description = "Seconds without progress before the rest counts as lost.")
  int stallTimeoutSeconds;

  // As long as the measured round by default (was 50,000): at 100 pairs, warm-up rounds of 200,000 before a measured
  // round of 200,000 gave 25,956-29,930 msgs/s in five runs, rounds of 50,000 gave 22,463-30,253 (docs/performance.md, session 8).
  @Option(names = "--warmup-messages", defaultValue = "-1",
      description = "A first, unmeasured round of this many messages over other accounts, so the measured round runs on a "
          + "server (and load generator) whose JIT has settled, as a long-running server's has (0: none; default: as many as --messages).")
  long warmupMessages;

  @Option(names = "--latency-log", paramLabel = "FILE",
      description = "Writes every measured message of the measured round to FILE, in the order they were due: the time it was due "
          + "(ms since the epoch), its latency (µs), pair and message number. For finding when the slow ones were.")
  Path latencyLog;

  @Override
  BenchOptions options() {
    return options;
  }

  /** One pair's state: sender side confined to the sender's event loop, recipient side to the recipient's. */
  private final class Pair {
    final int index;
    final ConversationId conversation;
    final int perPair;
    BenchSocket sender;
    // sender event loop
    int nextK;
    int inFlight;
    final ArrayDeque<Long> due = new ArrayDeque<>();
    final long[] intended;
    // recipient event loop
    final BitSet received;
    final long[] latencies; // null unless the round's latencies are logged

    Pair(int index, ConversationId conversation, int perPair, boolean logged) {
      this.index = index;
      this.conversation = conversation;
      this.perPair = perPair;
      this.received = new BitSet(perPair);
      this.intended = new long[perPair];
      this.latencies = logged ? new long[perPair] : null;
    }

    void fill() {
      while (inFlight < window && nextK < perPair && (rate <= 0 || !due.isEmpty())) {
        intended[nextK] = rate <= 0 ? System.nanoTime() : due.poll();
        send(nextK);
        nextK++;
        inFlight++;
      }
    }

    /** Sends message k, or sends it again (same clientMessageId and payload) after an {@code unavailable}. */
    void send(int k) {
      sender.sendText(BenchSocket.CODEC.encode(new ClientFrame.Send(Integer.toString(k), conversation,
          Payloads.make(k, intended[k], size), null)));
    }
  }

  @Override
  Report run(Target target) throws Exception {
    long warmupMessages = warmupMessages(this.warmupMessages, messages);
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("pairs", pairs);
    parameters.put("messages", (messages / pairs) * pairs);
    parameters.put("rate", rate <= 0 ? "max" : rate);
    parameters.put("window", window);
    parameters.put("size", size);
    parameters.put("warmupMessages", warmupMessages);
    options.describe(parameters);
    var report = new Report("direct", parameters);
    if (warmupMessages >= pairs && !warmUp(report, warmupMessages, options.warmupRounds, warmup -> round(target, warmupMessages, warmup, false))) {
      return report;
    }
    round(target, messages, report, true);
    return report;
  }

  /** One round over fresh accounts and sockets; {@code profiled}: the round {@code --jfr} records. */
  private void round(Target target, long messages, Report report, boolean profiled) throws Exception {
    int perPair = (int) (messages / pairs);
    long total = (long) perPair * pairs;
    var sessions = target.provisioner.accounts(2 * pairs);
    var pairList = new ArrayList<Pair>(pairs);
    for (int i = 0; i < pairs; i++) {
      pairList.add(new Pair(i, ConversationId.direct(sessions.get(2 * i).accountId(), sessions.get(2 * i + 1).accountId()), perPair,
          profiled && latencyLog != null));
    }
    var delivered = new AtomicLong();
    var duplicated = new AtomicLong();
    var sent = new AtomicLong();
    var receipts = new AtomicLong();
    var errors = new AtomicLong();
    var retried = new AtomicLong();
    var closes = new AtomicLong();
    var firstError = new AtomicReference<String>();
    var latency = new LatencyStats();
    long mark10 = Math.max(1, total / 10);
    long mark90 = Math.max(mark10 + 1, total * 9 / 10);
    var t10 = new AtomicLong();
    var t90 = new AtomicLong();
    int warmup = (int) (perPair * warmupFraction);

    BenchSocket.Listener listener = new BenchSocket.Listener() {
      @Override
      public void onFrame(BenchSocket socket, ServerFrame frame, long now) {
        var pair = pairList.get(socket.index / 2);
        switch (frame) {
          case ServerFrame.Sent _ -> {
            sent.incrementAndGet();
            pair.inFlight--;
            pair.fill();
          }
          case ServerFrame.Message message -> {
            int k = Payloads.number(message.payload());
            if (pair.received.get(k)) {
              duplicated.incrementAndGet();
              return;
            }
            pair.received.set(k);
            if (k >= warmup) {
              long nanos = now - Payloads.intendedNanos(message.payload());
              latency.recordNanos(nanos);
              if (pair.latencies != null) {
                pair.latencies[k] = nanos;
              }
            }
            long n = delivered.incrementAndGet();
            if (n == mark10) {
              t10.set(now);
            } else if (n == mark90) {
              t90.set(now);
            }
          }
          case ServerFrame.Delivered delivered -> receipts.addAndGet(delivered.messages().size() * delivered.devices().size());
          case ServerFrame.Error error when error.ref() != null && error.code() == ErrorCode.UNAVAILABLE
              && retried.incrementAndGet() <= total -> pair.send(Integer.parseInt(error.ref())); // as the protocol asks
          case ServerFrame.Error error -> {
            errors.incrementAndGet();
            firstError.compareAndSet(null, error.code().wireName() + ": " + error.message());
          }
          default -> { }
        }
      }

      @Override
      public void onClose(BenchSocket socket, Short code) {
        closes.incrementAndGet();
      }
    };

    try (var fleet = new Fleet(options.clientThreads)) {
      var tokens = sessions.stream().map(s -> s.accessToken()).toList();
      var sockets = fleet.connectAll(target.server.url(), tokens, listener, Duration.ofMinutes(5));
      for (var pair : pairList) {
        pair.sender = sockets.get(2 * pair.index);
      }
      System.err.printf("bench: %d pairs connected; sending %,d messages%n", pairs, total);
      report.put("jitQuietWaitSeconds", target.server.awaitJitQuiet(JIT_QUIET_MAX));
      if (profiled) {
        target.startJfr(options);
      }
      var cpuBefore = target.server.cpuTimes();
      long started = System.nanoTime();
      Thread scheduler = null;
      if (rate <= 0) {
        for (var pair : pairList) {
          pair.sender.runOnLoop(pair::fill);
        }
      } else {
        scheduler = Thread.ofPlatform().name("parley-bench-scheduler").start(() -> schedule(pairList, total, started));
      }
      boolean complete = Progress.await(() -> delivered.get() + duplicated.get() >= total && receipts.get() >= total
              && sent.get() >= total,
          () -> delivered.get() + sent.get() + receipts.get(), Duration.ofSeconds(stallTimeoutSeconds));
      long elapsed = System.nanoTime() - started;
      var cpuAfter = target.server.cpuTimes();
      long cpu = nullToZero(cpuAfter.total()) - nullToZero(cpuBefore.total());
      if (profiled) {
        target.stopJfr(options);
      }
      if (scheduler != null) {
        scheduler.interrupt();
        scheduler.join(5000);
      }
      // Let the last acks leave before the sockets close.
      ServerProcess.sleep(100);

      if (profiled && latencyLog != null) {
        writeLatencyLog(pairList, warmup);
      }
      long lost = total - delivered.get();
      double steady = t90.get() > t10.get() ? (mark90 - mark10) / ((t90.get() - t10.get()) / 1e9) : total / (elapsed / 1e9);
      report.put("deliveredPerSecond", Math.round(steady * 10) / 10.0)
          .put("latencyMs", latency.summaryMillis())
          .put("latencySamples", latency.count())
          .put("lost", lost)
          .put("duplicated", duplicated.get())
          .put("sent", sent.get())
          .put("deliveredReceipts", receipts.get())
          .put("errors", errors.get())
          .put("retriedSends", retried.get())
          .put("elapsedSeconds", Math.round(elapsed / 1e7) / 100.0)
          .put("serverCpuPercent", target.server.isMeasurable() ? Math.round(cpu * 1000.0 / elapsed) / 10.0 : null);
      putCpu(report, "Message", cpuBefore, cpuAfter, delivered.get())
          .put("serverRssBytes", target.server.rssBytes());
      if (lost > 0) {
        report.fail(lost + " messages lost");
      }
      if (duplicated.get() > 0) {
        report.fail(duplicated.get() + " messages duplicated");
      }
      if (errors.get() > 0) {
        report.fail(errors.get() + " error frames, first: " + firstError.get());
      }
      if (!complete && lost == 0) {
        report.fail("stalled: " + sent.get() + " sent, " + receipts.get() + " delivered receipts of " + total);
      }
      if (closes.get() > 0) {
        report.fail(closes.get() + " sockets closed during the run");
      }
    }
  }

  /** Fixed-rate sending: message g is due at {@code started + g / rate}, on pair g mod P. */
  private void schedule(List<Pair> pairList, long total, long started) {
    double interval = 1e9 / rate;
    for (long g = 0; g < total; g++) {
      long intended = started + (long) (g * interval);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
      var pair = pairList.get((int) (g % pairList.size()));
      pair.sender.runOnLoop(() -> {
        pair.due.add(intended);
        pair.fill();
      });
    }
  }

  private static long nullToZero(Long value) {
    return value == null ? 0 : value;
  }

  /** One line per measured message of the round: due (ms since the epoch), latency (µs), pair, number; in the order they were due. */
  private void writeLatencyLog(List<Pair> pairs, int warmup) throws IOException {
    record Line(long intendedNanos, long latencyNanos, int pair, int k) {}
    var lines = new ArrayList<Line>();
    for (var pair : pairs) {
      for (int k = warmup; k < pair.perPair; k++) {
        // Latencies are written before the delivered count rises, which the round waited for.
        if (pair.received.get(k)) {
          lines.add(new Line(pair.intended[k], pair.latencies[k], pair.index, k));
        }
      }
    }
    lines.sort(Comparator.comparingLong(Line::intendedNanos));
    long epochMinusNanoTime = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    try (var out = Files.newBufferedWriter(latencyLog)) {
      for (var line : lines) {
        out.write((line.intendedNanos() + epochMinusNanoTime) / 1_000_000L + " " + line.latencyNanos() / 1000 + " " + line.pair() + " " + line.k());
        out.newLine();
      }
    }
    System.err.printf("bench: %,d latencies written to %s%n", lines.size(), latencyLog);
  }
}
