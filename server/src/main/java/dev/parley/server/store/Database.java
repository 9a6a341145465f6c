package dev.parley.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.parley.server.config.StoreConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool, the dialect and the schema. Opening a database migrates it to the current
 * schema with Flyway, so a server never runs against tables it does not know.
 *
 * <p>SQLite runs in WAL mode: readers never block the writer, and the group committer is the one
 * writer of messages. Every commit is fsynced before it is acknowledged, so an acknowledged message
 * survives power loss: {@code synchronous=FULL} on pooled connections, and on the committer's own
 * connection an fsync of the WAL by the committer's syncer thread, which lets the next batch commit
 * while the disk flushes the last one ({@link GroupCommitter}).
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  // How often the WAL is copied back into the database file, off the writers (WalCheckpointer).
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Path walToSync;
  private final WalCheckpointer checkpointer; // SQLite only
  private final FileChannel databaseFile; // SQLite only: the checkpointer flushes it

  private Database(HikariDataSource dataSource, Dialect dialect, Path walToSync, WalCheckpointer checkpointer,
      FileChannel databaseFile) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.walToSync = walToSync;
    this.checkpointer = checkpointer;
    this.databaseFile = databaseFile;
  }

  public static Database open(StoreConfig config) {
    var hikari = new HikariConfig();
    hikari.setPoolName("parley-store");
    // +2: the group committer's own connection, and the WAL checkpointer's (SQLite) for its passes
    hikari.setMaximumPoolSize(config.poolSize() + 2);
    Dialect dialect;
    Path walToSync = null;
    Path file = null;
    if (config.kind() == StoreConfig.Kind.SQLITE) {
      dialect = Dialect.SQLITE;
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new StoreException("cannot create data directory " + config.dataDir().toAbsolutePath(), e);
      }
      file = config.dataDir().resolve("parley.db").toAbsolutePath();
      hikari.setJdbcUrl("jdbc:sqlite:" + file);
      if (config.sqliteFullSync()) {
        walToSync = Path.of(file + "-wal");
      }
      hikari.addDataSourceProperty("journal_mode", "WAL");
      hikari.addDataSourceProperty("synchronous", config.sqliteFullSync() ? "FULL" : "NORMAL");
      hikari.addDataSourceProperty("busy_timeout", "10000");
      hikari.addDataSourceProperty("foreign_keys", "true");
      // Reads of database pages through a memory map shared by every connection instead of a pread
      // into each connection's page cache (a sixth of the committer's samples were preads), and
      // RETURNING's scratch tables in memory.
      hikari.addDataSourceProperty("mmap_size", Long.toString(256L << 20));
      hikari.addDataSourceProperty("temp_store", "MEMORY");
      // The driver otherwise prepares and runs "SELECT last_insert_rowid()" after every INSERT, for
      // getGeneratedKeys, which Parley never calls: it allocates its ids itself.
      hikari.addDataSourceProperty("jdbc.get_generated_keys", "false");
      // Only the checkpointer and the committer copy the WAL back (WalCheckpointer). By default every
      // connection does it itself when it commits to a WAL longer than 1,000 pages, and that WAL is
      // up to 32,768: a device's connect, a pooled write, would copy it all and fsync the database
      // file, holding up that socket's frames for tens of milliseconds (docs/performance.md, session 9).
      hikari.setConnectionInitSql("PRAGMA wal_autocheckpoint = 0");
    } else {
      dialect = Dialect.POSTGRES;
      hikari.setJdbcUrl(config.url());
      if (!config.user().isEmpty()) {
        hikari.setUsername(config.user());
      }
      if (!config.password().isEmpty()) {
        hikari.setPassword(config.password());
      }
      if (!config.schema().isEmpty()) {
        // The schema must exist before the pool sets it as the search path; Flyway creates it.
        hikari.setSchema(config.schema());
      }
      hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    if (dialect == Dialect.POSTGRES && !config.schema().isEmpty()) {
      createSchema(config);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to the database at " + hikari.getJdbcUrl() + ": " + e.getMessage(), e);
    }
    migrate(dataSource, dialect, config);
    WalCheckpointer checkpointer = null;
    FileChannel databaseFile = null;
    if (dialect == Dialect.SQLITE) {
      try {
        // Opened for writing, as the syncer opens the WAL, because some systems flush only such a
        // descriptor; only SQLite writes to the file.
        databaseFile = FileChannel.open(file, StandardOpenOption.WRITE);
      } catch (IOException e) {
        dataSource.close();
        throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
      }
      checkpointer = new WalCheckpointer(dataSource, databaseFile, CHECKPOINT_INTERVAL);
      checkpointer.written(); // what the migration wrote
    }
    return new Database(dataSource, dialect, walToSync, checkpointer, databaseFile);
  }

  private static void createSchema(StoreConfig config) {
    try (var connection = java.sql.DriverManager.getConnection(config.url(), config.user(), config.password());
        var statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + config.schema());
    } catch (SQLException e) {
      throw new StoreException("cannot create schema " + config.schema() + " at " + config.url() + ": " + e.getMessage(), e);
    }
  }

  private static void migrate(DataSource dataSource, Dialect dialect, StoreConfig config) {
    var flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations(dialect.migrationLocation())
        .loggers("slf4j");
    if (dialect == Dialect.POSTGRES && !config.schema().isEmpty()) {
      flyway.schemas(config.schema());
    }
    var result = flyway.load().migrate();
    if (result.migrationsExecuted > 0) {
      log.info("database migrated to version {} ({} migrations)", result.targetSchemaVersion, result.migrationsExecuted);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * The write-ahead log the group committer fsyncs after each commit, or null when commits need no
   * fsync of their own (PostgreSQL flushes before it answers a commit; SQLite with
   * {@code store.sqlite-sync=normal} is not durable against power loss by choice).
   */
  Path walToSync() {
    return walToSync;
  }

  /** The WAL's checkpointer, or null when the database has none to copy back (PostgreSQL). */
  WalCheckpointer checkpointer() {
    return checkpointer;
  }

  /** Runs {@code work} in its own transaction on a pooled connection, on the calling thread. */
  public <T> T inTransaction(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        var result = work.run(connection);
        connection.commit();
        if (checkpointer != null) {
          checkpointer.written();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("database transaction failed: " + e.getMessage(), e);
    }
  }

  /** Runs a read (or a single auto-committed statement) on a pooled connection. */
  public <T> T read(SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException("database read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    dataSource.close();
    if (databaseFile != null) {
      // Only now that SQLite's connections are closed: closing it drops their POSIX locks on the file.
      try {
        databaseFile.close();
      } catch (IOException e) {
        log.debug("closing {}: {}", databaseFile, e.toString());
      }
    }
  }
}
