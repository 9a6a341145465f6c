package dev.parley.server.config;

import java.time.Duration;

/** The HTTP/WebSocket edge; {@code eventLoops} 0 picks {@link #DEFAULT_EVENT_LOOPS}. */
public record EdgeConfig(
    String host, int port, String publicUrl, int eventLoops, Transport transport, int maxFrameBytes,
    Duration heartbeatInterval, Duration idleTimeout, Duration authTimeout) {
  /** How the event loops do socket I/O ({@code edge.transport}); {@code AUTO} picks the best one available. */
  public enum Transport { AUTO, IO_URING, EPOLL, NIO }

  /** Two per core, as Vert.x's own default: a loop busy with a burst (handshakes, a fan-out) holds back fewer sockets. */
  public static final int DEFAULT_EVENT_LOOPS = 2 * Runtime.getRuntime().availableProcessors();

  public EdgeConfig {
    if (eventLoops < 0) {
      throw new ConfigException("edge.event-loops", "must be 0 (two per core) or more");
    }
    if (eventLoops == 0) {
      eventLoops = DEFAULT_EVENT_LOOPS;
    }
    if (!heartbeatInterval.isPositive() || idleTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new ConfigException("ws.idle-timeout", "must be longer than ws.heartbeat-interval (" + heartbeatInterval + ")");
    }
    if (!authTimeout.isPositive()) {
      throw new ConfigException("ws.auth-timeout", "must be positive");
    }
  }
}
