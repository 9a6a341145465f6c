package dev.parley.bench;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.SessionTokens;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code backlog}: a sender queues M messages for a recipient device that is offline; then the
 * recipient connects and the clock runs until its {@code caught-up}. The recipient acks as it goes
 * (the server's window of unacknowledged deliveries makes it), so the drain includes the acks. The
 * server's heap is sampled (jstat) during the drain for its peak, and measured after a full GC before
 * and after.
 */
@Command(name = "backlog", mixinStandardHelpOptions = true, description = "Drain of an offline device's queue on connect.")
final class BacklogWorkload extends Workload {
  @Mixin
  BenchOptions options;

  @Option(names = "--messages", defaultValue = "100000", description = "Messages queued while the recipient is offline (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--window", defaultValue = "256", description = "Sends awaiting 'sent' while filling (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--size", defaultValue = "64", description = "Payload characters (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--stall-timeout", defaultValue = "30", description = "Seconds without progress before the rest counts as lost.")
  int stallTimeoutSeconds;

  // As large as the measured backlog by default: after warm-up drains of 20,000 the JIT still took 22-43 %
  // of the server's CPU in a measured drain of 100,000, and 5-7 % after drains of 100,000 (docs/performance.md, session 8).
  @Option(names = "--warmup-messages", defaultValue = "-1",
      description = "A first, unmeasured backlog of this many messages, queued and drained by another pair of accounts, so the "
          + "measured drain runs on compiled code rather than the JIT's first pass (0: none; default: as many as --messages).")
  int warmupMessages;

  @Override
  BenchOptions options() {
    return options;
  }

  @Override
  Report run(Target target) throws Exception {
    int warmupMessages = Math.toIntExact(warmupMessages(this.warmupMessages, messages));
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("messages", messages);
    parameters.put("size", size);
    parameters.put("warmupMessages", warmupMessages);
    options.describe(parameters);
    var report = new Report("backlog", parameters);
    // Each round has accounts of its own: a sender's clientMessageIds repeat from round to round.
    if (warmupMessages > 0 && !warmUp(report, warmupMessages, options.warmupRounds, warmup -> {
      var pair = target.provisioner.accounts(2);
      round(target, pair.get(0), pair.get(1), warmupMessages, warmup, false);
    })) {
      return report;
    }
    var sessions = target.provisioner.accounts(2);
    round(target, sessions.get(0), sessions.get(1), messages, report, true);
    return report;
  }

  /**
   * Queues {@code messages} from {@code sender} for the offline {@code recipient}, then connects it and times the drain;
   * {@code profiled}: the round {@code --jfr} records.
   */
  private void round(Target target, SessionTokens senderSession, SessionTokens recipientSession, int messages,
      Report report, boolean profiled) throws Exception {
    var conversation = ConversationId.direct(senderSession.accountId(), recipientSession.accountId());

    var sent = new AtomicLong();
    var errors = new AtomicLong();
    var retried = new AtomicLong();
    // Sender state, confined to the sender's event loop.
    var next = new int[1];
    var inFlight = new int[1];
    var senderSocket = new BenchSocket[1];
    Runnable fill = () -> {
      while (inFlight[0] < window && next[0] < messages) {
        senderSocket[0].sendText(BenchSocket.CODEC.encode(new ClientFrame.Send(Integer.toString(next[0]), conversation,
            Payloads.make(next[0], System.nanoTime(), size), null)));
        next[0]++;
        inFlight[0]++;
      }
    };
    var received = new BitSet(messages);
    var delivered = new AtomicLong();
    var duplicated = new AtomicLong();
    var caughtUpAt = new AtomicLong();
    BenchSocket.Listener senderListener = (socket, frame, now) -> {
      switch (frame) {
        case ServerFrame.Sent _ -> {
          sent.incrementAndGet();
          inFlight[0]--;
          fill.run();
        }
        case ServerFrame.Error error when error.ref() != null && error.code() == ErrorCode.UNAVAILABLE
            && retried.incrementAndGet() <= messages -> {
          int k = Integer.parseInt(error.ref());
          socket.sendText(BenchSocket.CODEC.encode(new ClientFrame.Send(error.ref(), conversation,
              Payloads.make(k, System.nanoTime(), size), null)));
        }
        case ServerFrame.Error _ -> errors.incrementAndGet();
        default -> { }
      }
    };
    BenchSocket.Listener recipientListener = (socket, frame, now) -> {
      switch (frame) {
        case ServerFrame.Message message -> {
          int k = Payloads.number(message.payload());
          if (received.get(k)) {
            duplicated.incrementAndGet();
          } else {
            received.set(k);
            delivered.incrementAndGet();
          }
        }
        case ServerFrame.CaughtUp _ -> caughtUpAt.set(now);
        case ServerFrame.Error _ -> errors.incrementAndGet();
        default -> { }
      }
    };

    try (var senders = new Fleet(1); var recipients = new Fleet(options.clientThreads)) {
      senderSocket[0] = senders.connectAll(target.server.url(), List.of(senderSession.accessToken()), senderListener,
          Duration.ofMinutes(1)).getFirst();
      long fillStarted = System.nanoTime();
      senderSocket[0].runOnLoop(fill);
      Progress.await(() -> sent.get() >= messages, sent::get, Duration.ofSeconds(stallTimeoutSeconds));
      double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
      System.err.printf("bench: %,d messages queued in %.1f s; connecting the recipient%n", sent.get(), fillSeconds);

      var heapBefore = target.server.heapAfterGcBytes();
      var rssBefore = target.server.rssBytes();
      long started;
      ServerProcess.CpuTimes cpuBefore;
      ServerProcess.CpuTimes cpuAfter;
      try (var sampler = HeapSampler.start(target.server)) {
        sampler.awaitFirstSampleAndReset(Duration.ofSeconds(10));
        report.put("jitQuietWaitSeconds", target.server.awaitJitQuiet(JIT_QUIET_MAX));
        if (profiled) {
          target.startJfr(options);
        }
        cpuBefore = target.server.cpuTimes();
        started = System.nanoTime();
        recipients.connectAll(target.server.url(), List.of(recipientSession.accessToken()), recipientListener,
            Duration.ofMinutes(10));
        Progress.await(() -> caughtUpAt.get() != 0 && delivered.get() + duplicated.get() >= sent.get(),
            delivered::get, Duration.ofSeconds(stallTimeoutSeconds));
        cpuAfter = target.server.cpuTimes();
        report.put("serverHeapPeakBytes", sampler.peakBytes());
      }
      if (profiled) {
        target.stopJfr(options);
      }
      double drainSeconds = caughtUpAt.get() == 0 ? Double.NaN : (caughtUpAt.get() - started) / 1e9;
      ServerProcess.sleep(200);
      var heapAfter = target.server.heapAfterGcBytes();
      long lost = messages - delivered.get();
      report.put("drainSeconds", Math.round(drainSeconds * 1000) / 1000.0)
          .put("deliveredPerSecond", Math.round(delivered.get() / drainSeconds));
      putCpu(report, "Message", cpuBefore, cpuAfter, delivered.get())
          .put("lost", lost)
          .put("duplicated", duplicated.get())
          .put("fillPerSecond", Math.round(sent.get() / fillSeconds))
          .put("serverHeapAfterGcBeforeBytes", heapBefore)
          .put("serverHeapAfterGcAfterBytes", heapAfter)
          .put("serverRssBeforeBytes", rssBefore)
          .put("serverRssBytes", target.server.rssBytes())
          .put("errors", errors.get())
          .put("retriedSends", retried.get());
      if (lost > 0) {
        report.fail(lost + " messages lost");
      }
      if (duplicated.get() > 0) {
        report.fail(duplicated.get() + " messages duplicated");
      }
      if (errors.get() > 0) {
        report.fail(errors.get() + " error frames");
      }
      if (caughtUpAt.get() == 0) {
        report.fail("no caught-up");
      }
    }
  }
}
