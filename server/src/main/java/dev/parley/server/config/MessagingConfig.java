package dev.parley.server.config;

/** Messaging: how many deliveries a device may have unacknowledged at once. */
public record MessagingConfig(int window) {
  public static final MessagingConfig DEFAULTS = new MessagingConfig(1024);

  public MessagingConfig {
    if (window < 1 || window > 10_000) {
      throw new ConfigException("messaging.window", window + " is out of range 1..10000");
    }
  }
}
