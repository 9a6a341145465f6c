package dev.parley.bench;

import java.util.concurrent.Callable;

/**
 * A workload is a picocli command: it opens its {@link Target}, runs, prints the table, writes the
 * JSON, and exits 0, or 1 when the run failed (a message lost or duplicated, a refused frame, a
 * socket that did not connect).
 */
abstract class Workload implements Callable<Integer> {
  /** The longest a measured round waits for the server's JIT to go quiet (ServerProcess.awaitJitQuiet). */
  static final java.time.Duration JIT_QUIET_MAX = java.time.Duration.ofSeconds(20);

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

  /** One round of a workload, its figures going to {@code report}. */
  interface Round {
    void run(Report report) throws Exception;
  }

  /**
   * Runs an unmeasured round first, so the measured one runs on a server (and load generator) whose
   * JIT has settled, as a long-running server's has. Returns false, with {@code report} failed, if
   * the warm-up round lost anything.
   */
  static boolean warmUp(Report report, long messages, Round round) throws Exception {
    var warmup = new Report(report.get("workload") + "-warmup", new java.util.LinkedHashMap<>());
    round.run(warmup);
    if (warmup.failed()) {
      report.fail("the warm-up round failed: " + warmup.failures());
      return false;
    }
    System.err.printf("bench: warm-up round of %,d messages: %s msgs/s%n", messages, warmup.get("deliveredPerSecond"));
    return true;
  }

  @Override
  public final Integer call() throws Exception {
    // Server and load generator share the machine: say how busy it was before the run started.
    var idleBefore = MachineLoad.idlePercent(java.time.Duration.ofSeconds(1));
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
