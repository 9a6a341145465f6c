package dev.parley.server.config;

import java.nio.file.Path;

/** The database: embedded SQLite under the data directory, or PostgreSQL. */
public record StoreConfig(
    Kind kind, Path dataDir, String url, String user, String password, String schema, int poolSize,
    boolean sqliteFullSync, int batchMax) {

  public enum Kind { SQLITE, POSTGRES }

  public StoreConfig {
    if (kind == Kind.POSTGRES && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException("store.url", "store=postgres needs a jdbc:postgresql: URL, got \"" + url + "\"");
    }
    if (!schema.isEmpty() && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new ConfigException("store.schema", "\"" + schema + "\" is not a lower-case SQL identifier");
    }
  }

  public static StoreConfig sqlite(Path dataDir) {
    return new StoreConfig(Kind.SQLITE, dataDir, "", "", "", "", 8, true, 512);
  }

  public static StoreConfig postgres(String url, String user, String schema) {
    return new StoreConfig(Kind.POSTGRES, Path.of("."), url, user, "", schema, 8, true, 512);
  }
}
