package dev.parley.server.config;

import java.time.Duration;

/** The HTTP/WebSocket edge. */
public record EdgeConfig(
    String host, int port, String publicUrl, int maxFrameBytes, Duration heartbeatInterval, Duration idleTimeout,
    Duration authTimeout) {
  public EdgeConfig {
    if (!heartbeatInterval.isPositive() || idleTimeout.compareTo(heartbeatInterval) <= 0) {
      throw new ConfigException("ws.idle-timeout", "must be longer than ws.heartbeat-interval (" + heartbeatInterval + ")");
    }
    if (!authTimeout.isPositive()) {
      throw new ConfigException("ws.auth-timeout", "must be positive");
    }
  }
}
