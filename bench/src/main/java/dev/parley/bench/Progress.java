package dev.parley.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Waits for a run to finish without ever waiting forever: it returns when {@code done} holds, or
 * when {@code progress} has not moved for {@code stallTimeout} (whatever is missing then counts as lost).
 */
final class Progress {
  private Progress() {}

  /** True if {@code done} became true; false if progress stalled first. */
  static boolean await(BooleanSupplier done, LongSupplier progress, Duration stallTimeout) {
    long last = progress.getAsLong();
    long lastMoved = System.nanoTime();
    while (!done.getAsBoolean()) {
      ServerProcess.sleep(20);
      long now = progress.getAsLong();
      if (now != last) {
        last = now;
        lastMoved = System.nanoTime();
      } else if (System.nanoTime() - lastMoved > stallTimeout.toNanos()) {
        return false;
      }
    }
    return true;
  }
}
