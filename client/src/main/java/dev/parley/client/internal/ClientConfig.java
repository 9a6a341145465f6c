package dev.parley.client.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The client's tunables, checked once when the client is built.
 *
 * @param minBackoff first reconnect delay
 * @param maxBackoff reconnect delays never exceed this (plus nothing: jitter stays below it)
 * @param ackDelay how long an ack may wait for others to share its frame
 * @param maxAckBatch acks per frame; a full batch goes out at once
 * @param dedupeCapacity message ids remembered for dropping duplicates
 * @param pingInterval how often an idle socket is probed; two silent intervals drop it
 * @param authTimeout how long to wait for {@code ready} after sending {@code auth}
 * @param connectTimeout TCP + TLS + upgrade, for REST and the socket
 * @param requestTimeout one REST call, end to end
 * @param refreshAhead how long before expiry the access token is replaced
 * @param autoAck ack each message when the listener returns
 */
public record ClientConfig(
    Duration minBackoff,
    Duration maxBackoff,
    Duration ackDelay,
    int maxAckBatch,
    int dedupeCapacity,
    Duration pingInterval,
    Duration authTimeout,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration refreshAhead,
    boolean autoAck) {
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(250);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  // Short enough that a sender sees "delivered" promptly, long enough to gather a backlog burst.
  public static final Duration DEFAULT_ACK_DELAY = Duration.ofMillis(25);
  public static final int DEFAULT_MAX_ACK_BATCH = 64;
  // About 10,000 ids is well beyond any redelivery gap we expect and costs under 2 MB.
  public static final int DEFAULT_DEDUPE_CAPACITY = 10_000;
  // Below the usual 60 s idle timeouts of NATs and load balancers.
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofSeconds(60);

  public ClientConfig {
    positive("minBackoff", minBackoff);
    positive("maxBackoff", maxBackoff);
    if (maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
    }
    positive("ackDelay", ackDelay);
    positive("pingInterval", pingInterval);
    positive("authTimeout", authTimeout);
    positive("connectTimeout", connectTimeout);
    positive("requestTimeout", requestTimeout);
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    if (refreshAhead.isNegative()) {
      throw new IllegalArgumentException("refreshAhead must not be negative: " + refreshAhead);
    }
    if (maxAckBatch < 1) {
      throw new IllegalArgumentException("maxAckBatch must be positive: " + maxAckBatch);
    }
    if (dedupeCapacity < 1) {
      throw new IllegalArgumentException("dedupeCapacity must be positive: " + dedupeCapacity);
    }
  }

  public static ClientConfig defaults() {
    return new ClientConfig(DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_ACK_DELAY, DEFAULT_MAX_ACK_BATCH,
        DEFAULT_DEDUPE_CAPACITY, DEFAULT_PING_INTERVAL, DEFAULT_AUTH_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_REQUEST_TIMEOUT, DEFAULT_REFRESH_AHEAD, false);
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
