package dev.parley.server.store;

/** The SQL dialects Parley runs on. Queries are written in the subset both share; DDL is per dialect. */
public enum Dialect {
  SQLITE("sqlite"),
  POSTGRES("postgresql");

  private final String migrationFolder;

  Dialect(String migrationFolder) {
    this.migrationFolder = migrationFolder;
  }

  /** Flyway location of this dialect's migrations. */
  String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }
}
