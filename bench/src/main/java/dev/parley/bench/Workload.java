package dev.parley.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/**
 * A workload is a picocli command: it opens its {@link Target}, runs, prints the table, writes the
 * JSON, and exits 0, or 1 when the run failed (a message lost or duplicated, a refused frame, a
 * socket that did not connect).
 */
abstract class Workload implements Callable<Integer> {
  /** The longest a measured round waits for the server's JIT to go quiet (ServerProcess.awaitJitQuiet). */
  static final Duration JIT_QUIET_MAX = Duration.ofSeconds(20);

  abstract BenchOptions options();

  abstract Report run(Target target) throws Exception;

  /**
   * The server's CPU time per message, in µs (one decimal), or null if the server's CPU cannot be
   * read (a server driven with {@code --server} and no {@code --server-pid}). Steadier than a rate on
   * a machine the load generator shares: it does not count the time the server waited for a core.
   */
  static Double cpuMicrosPer(Long cpuNanosBefore, Long cpuNanosAfter, long messages) {
    if (cpuNanosBefore == null || cpuNanosAfter == null || messages <= 0) {
      return null;
    }
    return Math.round((cpuNanosAfter - cpuNanosBefore) / 100.0 / messages) / 10.0;
  }

  /**
   * The share of the server's CPU time that its JIT compilers took, in percent (one decimal), or null
   * if it cannot be read. Near zero once a server has settled; a high share means the round measured
   * compilation as much as Parley (docs/performance.md).
   */
  static Double jitSharePercent(Long cpuNanosBefore, Long cpuNanosAfter, Long jitNanosBefore, Long jitNanosAfter) {
    if (cpuNanosBefore == null || cpuNanosAfter == null || jitNanosBefore == null || jitNanosAfter == null
        || cpuNanosAfter <= cpuNanosBefore) {
      return null;
    }
    return Math.round((jitNanosAfter - jitNanosBefore) * 1000.0 / (cpuNanosAfter - cpuNanosBefore)) / 10.0;
  }

  /**
   * Puts the CPU per message (or delivery: {@code unit}) between two readings, of the server
   * ({@code serverCpuMicrosPer<unit>}), of its committer thread ({@code committerCpuMicrosPer<unit>}:
   * the serial part, so the rate's ceiling, and steadier than the whole) and of the load generator's own process
   * ({@code loadGeneratorCpuMicrosPer<unit>}: it shares the two cores, so what it spends the server
   * cannot), and the share of the server's that its JIT took ({@code serverJitSharePercent}); returns
   * {@code report} to go on with.
   */
  static Report putCpu(Report report, String unit, ServerProcess.CpuTimes before, ServerProcess.CpuTimes after,
      long count) {
    return report.put("serverCpuMicrosPer" + unit, cpuMicrosPer(before.total(), after.total(), count))
        .put("committerCpuMicrosPer" + unit, cpuMicrosPer(before.committer(), after.committer(), count))
        .put("loadGeneratorCpuMicrosPer" + unit, cpuMicrosPer(before.loadGenerator(), after.loadGenerator(), count))
        .put("serverJitSharePercent", jitSharePercent(before.total(), after.total(), before.jit(), after.jit()));
  }

  /** One round of a workload, its figures going to {@code report}. */
  interface Round {
    void run(Report report) throws Exception;
  }

  /** A warm-up round in which the server's JIT compilers took less than this share of its CPU ends the warm-up. */
  static final double SETTLED_JIT_SHARE_PERCENT = 10;

  /** {@code --warmup-messages} left at its default of -1 means rounds as long as the measured one ({@code measured}). */
  static long warmupMessages(long given, long measured) {
    return given < 0 ? measured : given;
  }

  /**
   * Runs unmeasured rounds first, so the measured one runs on a server (and load generator) whose JIT
   * has settled, as a long-running server's has: rounds repeat, up to {@code --warmup-rounds}, while
   * the server's compilers take {@value #SETTLED_JIT_SHARE_PERCENT} % or more of its CPU in a round.
   * One round is not always enough: HotSpot raises its compile thresholds while its compile queue is
   * long, so on a busy machine the hot path can still be in profiled code after a round (a 20,000-message
   * backlog warm-up left the drain compiling through 36-44 % of the measured drain's CPU). Each
   * round's share goes in the report. Returns false, with {@code report} failed, if a round lost anything.
   */
  static boolean warmUp(Report report, long messages, int maxRounds, Round round) throws Exception {
    var shares = new ArrayList<Double>();
    for (int i = 1; i <= maxRounds; i++) {
      var warmup = new Report(report.get("workload") + "-warmup", new LinkedHashMap<>());
      round.run(warmup);
      if (warmup.failed()) {
        report.fail("warm-up round " + i + " failed: " + warmup.failures());
        return false;
      }
      var share = (Double) warmup.get("serverJitSharePercent");
      shares.add(share);
      System.err.printf("bench: warm-up round %d of %,d messages: %s msgs/s, JIT %s %% of the server's CPU%n", i, messages,
          warmup.get("deliveredPerSecond"), share);
      if (share == null || share < SETTLED_JIT_SHARE_PERCENT) {
        break;
      }
    }
    report.put("warmupRounds", shares.size()).put("warmupJitSharePercent", shares);
    return true;
  }

  @Override
  public final Integer call() throws Exception {
    // Server and load generator share the machine: say how busy it was before the run started.
    var idleBefore = MachineLoad.idlePercent(Duration.ofSeconds(1));
    Report report;
    try (var target = Target.open(options())) {
      report = run(target);
    }
    report.put("machineIdlePercentBefore", idleBefore);
    report.printTable(System.out);
    if (options().json != null) {
      report.writeJson(options().json);
    }
    return report.failed() ? 1 : 0;
  }
}
