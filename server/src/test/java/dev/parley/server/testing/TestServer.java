package dev.parley.server.testing;

import dev.parley.server.ParleyServer;
import dev.parley.server.config.AccountConfig;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real server on a random port with its own data directory (and, for PostgreSQL, its own schema),
 * for end-to-end tests. {@link #codeFor} reads one-time codes from the log SMS sender's outbox, as a
 * person would read their phone.
 */
public final class TestServer implements AutoCloseable {
  private final ParleyConfig config;
  private final ParleyServer server;

  private TestServer(ParleyConfig config) {
    this.config = config;
    this.server = ParleyServer.start(config);
  }

  public static TestServer start(Path dataDir, StoreKind kind) {
    return start(dataDir, kind, UnaryOperator.identity());
  }

  public static TestServer start(Path dataDir, StoreKind kind, UnaryOperator<ParleyConfig> customize) {
    // Tests sign several devices in on one number in quick succession: no resend throttle by default.
    var config = ParleyConfig.embedded(dataDir, 0).withAccounts(new AccountConfig(
        AccountConfig.DEFAULTS.otpTtl(), AccountConfig.DEFAULTS.otpMaxAttempts(), Duration.ZERO,
        AccountConfig.DEFAULTS.accessTokenTtl(), AccountConfig.DEFAULTS.refreshTokenTtl()));
    if (kind == StoreKind.POSTGRES) {
      var postgres = TestDatabases.postgres();
      config = config.withStore(new StoreConfig(StoreConfig.Kind.POSTGRES, dataDir, postgres.url(), postgres.user(), "",
          postgres.schema(), 8, true, 512));
    }
    return new TestServer(customize.apply(config));
  }

  /** Which database a parameterized end-to-end test runs on. */
  public enum StoreKind { SQLITE, POSTGRES }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public URI webSocketUrl() {
    return URI.create("ws://127.0.0.1:" + server.port() + "/v1/ws");
  }

  public ParleyServer server() {
    return server;
  }

  public ParleyConfig config() {
    return config;
  }

  /** The newest code the log SMS sender wrote for this E.164 number. */
  public String codeFor(String phone) {
    var outbox = config.dataDir().resolve("sms-outbox.log");
    try {
      List<String> lines = Files.exists(outbox) ? Files.readAllLines(outbox) : List.of();
      for (int i = lines.size() - 1; i >= 0; i--) {
        var parts = lines.get(i).split(" ");
        if (parts.length == 2 && parts[0].equals(phone)) {
          return parts[1];
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no code was sent to " + phone);
  }

  @Override
  public void close() {
    server.close();
    TestDatabases.dropSchema(config.store());
  }
}
