package dev.parley.server.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key, its default and its help text: the one list that the YAML loader, the
 * {@code PARLEY_*} environment variables and the command-line options are all derived from, so
 * {@code --help} cannot forget a key. docs/configuration.md mirrors it.
 */
public record ConfigKey(String name, String defaultValue, String valueLabel, String description) {

  public static final List<ConfigKey> ALL = List.of(
      new ConfigKey("data", "./data", "DIR", "Directory for the SQLite database, keys and the SMS outbox."),
      new ConfigKey("host", "0.0.0.0", "ADDR", "Address to listen on."),
      new ConfigKey("port", "8080", "PORT", "HTTP and WebSocket port (0 picks a free one)."),
      new ConfigKey("public-url", "", "URL", "URL clients use to reach this server (default: http://localhost:PORT)."),
      new ConfigKey("edge.event-loops", "0", "N", "Event loops (threads) serving HTTP and WebSocket connections; 0 means two per CPU core."),
      new ConfigKey("edge.transport", "auto", "auto|io_uring|epoll|nio",
          "Socket I/O of the event loops: auto takes io_uring, else epoll, else the JDK's NIO, whichever is available first."),
      new ConfigKey("store", "sqlite", "sqlite|postgres", "Database: embedded SQLite under --data, or PostgreSQL."),
      new ConfigKey("store.url", "", "JDBC-URL", "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/parley."),
      new ConfigKey("store.user", "", "NAME", "PostgreSQL user."),
      new ConfigKey("store.password", "", "SECRET", "PostgreSQL password."),
      new ConfigKey("store.schema", "", "NAME", "PostgreSQL schema to use (created if missing; default: the user's)."),
      new ConfigKey("store.pool-size", "8", "N", "Database connections for reads and account writes."),
      new ConfigKey("store.sqlite-sync", "full", "full|normal",
          "SQLite fsync policy: full survives power loss; normal survives a process crash only."),
      new ConfigKey("store.batch-max", "512", "N", "Most writes committed together in one transaction (group commit)."),
      new ConfigKey("sms.sender", "log", "log|http", "How one-time codes are sent: the log and <data>/sms-outbox.log, or an SMS provider's REST API."),
      new ConfigKey("sms.http.url", "", "URL", "SMS provider base URL (Twilio-style: POST {url}/Accounts/{account}/Messages.json)."),
      new ConfigKey("sms.http.account", "", "ID", "SMS provider account id (HTTP basic user)."),
      new ConfigKey("sms.http.token", "", "SECRET", "SMS provider auth token (HTTP basic password)."),
      new ConfigKey("sms.http.from", "", "PHONE", "Sender number or id for the SMS provider."),
      new ConfigKey("otp.ttl", "5m", "DURATION", "How long a one-time code is valid."),
      new ConfigKey("otp.max-attempts", "5", "N", "Wrong codes allowed before the code is discarded."),
      new ConfigKey("otp.resend-interval", "30s", "DURATION", "Shortest time between two codes to the same number."),
      new ConfigKey("auth.access-token-ttl", "15m", "DURATION", "Lifetime of an access token (JWT)."),
      new ConfigKey("auth.refresh-token-ttl", "60d", "DURATION", "Lifetime of a refresh token."),
      new ConfigKey("ws.max-frame-bytes", "1048576", "BYTES", "Largest WebSocket frame handled; larger ones get frame_too_large."),
      new ConfigKey("ws.heartbeat-interval", "30s", "DURATION", "How often the server pings each socket."),
      new ConfigKey("ws.idle-timeout", "90s", "DURATION", "A socket that sends nothing (not even a pong) for this long is closed."),
      new ConfigKey("ws.auth-timeout", "10s", "DURATION", "Time a new socket has to send its auth frame."),
      new ConfigKey("groups.max-members", "1024", "N", "Most members one group may hold."),
      new ConfigKey("messaging.window", "1024", "N", "Unacknowledged deliveries in flight per device."),
      new ConfigKey("admin.token", "", "SECRET",
          "Bearer token of the admin provisioning API (POST /v1/admin/accounts); empty disables it. At least 16 characters."));

  private static final Map<String, ConfigKey> BY_NAME;

  static {
    var byName = new LinkedHashMap<String, ConfigKey>();
    for (var key : ALL) {
      byName.put(key.name, key);
    }
    BY_NAME = Map.copyOf(byName);
  }

  public static ConfigKey named(String name) {
    return BY_NAME.get(name);
  }

  /** {@code store.pool-size} is read from {@code PARLEY_STORE_POOL_SIZE}. */
  public String environmentVariable() {
    return "PARLEY_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** {@code store.pool-size} is set with {@code --store.pool-size}. */
  public String option() {
    return "--" + name;
  }
}
