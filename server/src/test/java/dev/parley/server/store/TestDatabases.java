package dev.parley.server.store;

import dev.parley.server.config.StoreConfig;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Databases for tests: SQLite in a temporary directory, or a fresh schema of its own in the local
 * PostgreSQL ({@code PARLEY_TEST_POSTGRES_URL}, default the machine's {@code test} database), dropped
 * afterwards so runs never see each other's rows.
 */
public final class TestDatabases {
  public static final String POSTGRES_URL =
      System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String POSTGRES_USER = System.getenv().getOrDefault("PARLEY_TEST_POSTGRES_USER", "postgres");

  private TestDatabases() {}

  public static StoreConfig sqlite(Path dir) {
    return StoreConfig.sqlite(dir);
  }

  /** A config for a new, empty PostgreSQL schema; call {@link #dropSchema} when done. */
  public static StoreConfig postgres() {
    return StoreConfig.postgres(POSTGRES_URL, POSTGRES_USER, "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  public static void dropSchema(StoreConfig config) {
    if (config.kind() != StoreConfig.Kind.POSTGRES) {
      return;
    }
    try (var connection = DriverManager.getConnection(config.url(), config.user(), config.password());
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test schema " + config.schema(), e);
    }
  }
}
