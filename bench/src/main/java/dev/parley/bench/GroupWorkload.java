package dev.parley.bench;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code group}: one group of K members, all online; message g is sent at t0 + g/rate by a member
 * picked at random, and its latency is the time from that intended send until the last of the other
 * K-1 member devices has it (fan-out complete), measured against the intended time.
 */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Group fan-out: time until every member has a message.")
final class GroupWorkload extends Workload {
  @Mixin
  BenchOptions options;

  @Option(names = "--members", defaultValue = "1024", description = "Members, all online (default: ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--messages", defaultValue = "200", description = "Messages sent to the group (default: ${DEFAULT-VALUE}).")
  int messages;

  @Option(names = "--rate", defaultValue = "20", description = "Messages per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--size", defaultValue = "64", description = "Payload characters (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--warmup-messages", defaultValue = "200",
      description = "Messages of an unmeasured round first, to a group of fresh accounts, so the JIT has settled "
          + "(default: ${DEFAULT-VALUE}; 0 for none).")
  int warmupMessages;

  @Option(names = "--stall-timeout", defaultValue = "30", description = "Seconds without progress before the rest counts as lost.")
  int stallTimeoutSeconds;

  @Override
  BenchOptions options() {
    return options;
  }

  @Override
  Report run(Target target) throws Exception {
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("members", members);
    parameters.put("messages", messages);
    parameters.put("rate", rate);
    parameters.put("size", size);
    parameters.put("warmupMessages", warmupMessages);
    options.describe(parameters);
    var report = new Report("group", parameters);
    if (warmupMessages > 0 && !warmUp(report, warmupMessages, options.warmupRounds, warmup -> round(target, warmupMessages, warmup, false))) {
      return report;
    }
    round(target, messages, report, true);
    return report;
  }

  /** Which member sockets lack which messages, for the failure message: "member 3 lacks 7, 9". */
  private static String missing(BitSet[] received, int messages) {
    var out = new StringBuilder();
    for (int i = 0; i < received.length; i++) {
      var lacks = new BitSet(messages);
      lacks.set(0, messages);
      lacks.andNot(received[i]);
      if (!lacks.isEmpty() && out.length() < 500) {
        out.append(out.isEmpty() ? "" : "; ").append("member ").append(i).append(" lacks ").append(lacks);
      }
    }
    return out.toString();
  }

  /** One round with a fresh group of fresh accounts; {@code profiled}: the round {@code --jfr} records. */
  private void round(Target target, int messages, Report report, boolean profiled) throws Exception {
    var sessions = target.provisioner.accounts(members);
    var others = sessions.subList(1, members).stream().map(s -> s.accountId()).toList();
    var conversation = new ConversationId(target.provisioner.createGroup(sessions.getFirst(), others));

    int recipients = members - 1;
    var remaining = new AtomicIntegerArray(messages);
    for (int g = 0; g < messages; g++) {
      remaining.set(g, recipients);
    }
    var intended = new long[messages];
    var received = new BitSet[members]; // per member socket, confined to its event loop
    for (int i = 0; i < members; i++) {
      received[i] = new BitSet(messages);
    }
    var latency = new LatencyStats();
    var deliveries = new AtomicLong();
    var duplicated = new AtomicLong();
    var complete = new AtomicLong();
    var errors = new AtomicLong();
    var firstError = new AtomicReference<String>();
    var firstDelivery = new AtomicLong();
    var lastDelivery = new AtomicLong();

    BenchSocket.Listener listener = (socket, frame, now) -> {
      switch (frame) {
        case ServerFrame.Message message when message.payload() != null && message.event() == null
            && !message.payload().isEmpty() && Character.isDigit(message.payload().charAt(0)) -> {
          int g = Payloads.number(message.payload());
          if (received[socket.index].get(g)) {
            duplicated.incrementAndGet();
            return;
          }
          received[socket.index].set(g);
          deliveries.incrementAndGet();
          firstDelivery.compareAndSet(0, now);
          lastDelivery.set(now);
          if (remaining.decrementAndGet(g) == 0) {
            latency.recordNanos(now - Payloads.intendedNanos(message.payload()));
            complete.incrementAndGet();
          }
        }
        case ServerFrame.Error error when error.code() != ErrorCode.UNAVAILABLE || error.ref() == null -> {
          errors.incrementAndGet();
          firstError.compareAndSet(null, error.code().wireName() + ": " + error.message());
        }
        case ServerFrame.Error error -> {
          // As the protocol asks: the same clientMessageId again.
          int g = Integer.parseInt(error.ref());
          socket.send(new ClientFrame.Send(error.ref(), conversation, Payloads.make(g, intended[g], size), null));
        }
        default -> { }
      }
    };

    try (var fleet = new Fleet(options.clientThreads)) {
      var sockets = fleet.connectAll(target.server.url(), sessions.stream().map(s -> s.accessToken()).toList(), listener,
          Duration.ofMinutes(10));
      System.err.printf("bench: %,d members connected; sending %,d messages at %.0f/s%n", members, messages, rate);
      report.put("jitQuietWaitSeconds", target.server.awaitJitQuiet(JIT_QUIET_MAX));
      if (profiled) {
        target.startJfr(options);
      }
      var cpuBefore = target.server.cpuTimes();
      long started = System.nanoTime();
      var scheduler = Thread.ofPlatform().name("parley-bench-scheduler").start(() -> {
        for (int g = 0; g < messages; g++) {
          long due = started + (long) (g * 1e9 / rate);
          long wait;
          while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
          intended[g] = due;
          var sender = sockets.get(ThreadLocalRandom.current().nextInt(members));
          // The sender does not receive its own message: it counts as delivered to it.
          int number = g;
          sender.runOnLoop(() -> {
            if (!received[sender.index].get(number)) {
              received[sender.index].set(number);
            }
            sender.send(new ClientFrame.Send(Integer.toString(number), conversation, Payloads.make(number, due, size), null));
          });
        }
      });
      Progress.await(() -> complete.get() >= messages, deliveries::get, Duration.ofSeconds(stallTimeoutSeconds));
      var cpuAfter = target.server.cpuTimes();
      scheduler.join(5000);
      if (profiled) {
        target.stopJfr(options);
      }
      long expected = (long) messages * recipients;
      long lost = expected - deliveries.get();
      double span = (lastDelivery.get() - firstDelivery.get()) / 1e9;
      report.put("deliveredPerSecond", span > 0 ? Math.round(deliveries.get() / span) : null)
          .put("latencyMs", latency.summaryMillis());
      putCpu(report, "Delivery", cpuBefore, cpuAfter, deliveries.get())
          .put("lost", lost)
          .put("duplicated", duplicated.get())
          .put("errors", errors.get())
          .put("serverRssBytes", target.server.rssBytes());
      if (lost > 0) {
        report.fail(lost + " deliveries lost (" + missing(received, messages) + ")");
      }
      if (duplicated.get() > 0) {
        report.fail(duplicated.get() + " deliveries duplicated");
      }
      if (errors.get() > 0) {
        report.fail(errors.get() + " error frames, first: " + firstError.get());
      }
    }
  }
}
