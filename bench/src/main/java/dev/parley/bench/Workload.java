package dev.parley.bench;

import java.util.concurrent.Callable;

/**
 * A workload is a picocli command: it opens its {@link Target}, runs, prints the table, writes the
 * JSON, and exits 0, or 1 when the run failed (a message lost or duplicated, a refused frame, a
 * socket that did not connect).
 */
abstract class Workload implements Callable<Integer> {

  abstract BenchOptions options();

  abstract Report run(Target target) throws Exception;

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
