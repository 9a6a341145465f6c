package dev.parley.client.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: exponential from {@code min} to {@code max}, with "equal jitter" (half the
 * step fixed, half random). The fixed half keeps a flapping server from being hammered at
 * {@code min}; the random half spreads out the clients that all lost the same server at once.
 * Not thread-safe; owned by the connection thread.
 */
public final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration min, Duration max, RandomGenerator random) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max, got " + min + ".." + max);
    }
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The delay before the next attempt; each call doubles the step until it reaches {@code max}. */
  public Duration next() {
    // Capping the shift keeps 2^attempt from overflowing after many failures in a row.
    long step = Math.min(maxMillis, minMillis << Math.min(attempt, 30));
    attempt++;
    long half = step / 2;
    return Duration.ofMillis(step - half + random.nextLong(half + 1));
  }

  /** Starts over at {@code min}; called once a connection has authenticated. */
  public void reset() {
    attempt = 0;
  }
}
