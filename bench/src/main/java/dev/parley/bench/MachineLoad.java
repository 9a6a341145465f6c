package dev.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** How idle the machine's CPUs are, from {@code /proc/stat}: other work on the box skews every figure. */
final class MachineLoad {
  private MachineLoad() {}

  /** Idle share of all CPUs over {@code period}, in percent; null where {@code /proc/stat} is missing. */
  static Double idlePercent(Duration period) {
    var before = ticks();
    if (before == null) {
      return null;
    }
    ServerProcess.sleep(period.toMillis());
    var after = ticks();
    long total = after[0] - before[0];
    return total <= 0 ? null : Math.round((after[1] - before[1]) * 1000.0 / total) / 10.0;
  }

  /** {total, idle + iowait} jiffies of the aggregate "cpu" line. */
  private static long[] ticks() {
    try {
      var fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().strip().split("\\s+");
      long total = 0;
      for (int i = 1; i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
