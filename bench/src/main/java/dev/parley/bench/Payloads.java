package dev.parley.bench;

/**
 * Bench payloads carry their own bookkeeping, so a recipient needs no shared state with the sender:
 * {@code "<number>:<intended send time, System.nanoTime>:"} padded with {@code x} to the requested size.
 * Sender and recipients live in one process, so their {@code nanoTime} clocks agree.
 */
final class Payloads {
  private Payloads() {}

  static String make(int number, long intendedNanos, int size) {
    var head = number + ":" + intendedNanos + ":";
    return head.length() >= size ? head : head + "x".repeat(size - head.length());
  }

  static int number(String payload) {
    return Integer.parseInt(payload, 0, payload.indexOf(':'), 10);
  }

  static long intendedNanos(String payload) {
    int first = payload.indexOf(':');
    return Long.parseLong(payload, first + 1, payload.indexOf(':', first + 1), 10);
  }
}
