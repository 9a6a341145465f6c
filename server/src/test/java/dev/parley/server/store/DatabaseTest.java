package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.config.StoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class DatabaseTest {
  @TempDir Path dir;

  @Test
  void sqliteConnectionsDoNotQueryGeneratedKeysAfterEveryInsert() throws Exception {
    // The driver's default runs "SELECT last_insert_rowid()" after each INSERT: half the cost of a message's insert.
    try (var database = Database.open(StoreConfig.sqlite(dir)); var connection = database.dataSource().getConnection()) {
      var sqlite = connection.unwrap(SQLiteConnection.class);
      assertThat(sqlite.getConnectionConfig().isGetGeneratedKeys()).isFalse();
    }
  }

  @Test
  void pooledSqliteConnectionsLeaveTheWalToTheCheckpointerAndWaitForTheWriteLock() throws Exception {
    try (var database = Database.open(StoreConfig.sqlite(dir)); var connection = database.dataSource().getConnection()) {
      assertThat(pragma(connection, "wal_autocheckpoint")).isZero();
      assertThat(pragma(connection, "busy_timeout")).isEqualTo(10_000);
    }
  }

  @Test
  void pooledWritesAreCopiedBackByTheCheckpointerSoTheWalStartsOver() throws Exception {
    try (var database = Database.open(StoreConfig.sqlite(dir))) {
      database.inTransaction(c -> {
        try (var s = c.createStatement()) {
          s.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
        }
        return null;
      });
      var wal = dir.resolve("parley.db-wal");
      // Twice: the first time may be the checkpoint the migration asked for; the second only pooled writes ask for.
      for (int round = 0; round < 2; round++) {
        long sequence = WalCheckpointerTest.walCheckpointSequence(wal);
        // when pooled transactions write, none of them copying the WAL back itself,
        // then a write eventually finds every frame copied and starts the WAL over
        await().atMost(Duration.ofSeconds(10)).until(() -> {
          database.inTransaction(c -> {
            try (var s = c.prepareStatement("INSERT INTO scratch (body) VALUES (zeroblob(8192))")) {
              return s.executeUpdate();
            }
          });
          return WalCheckpointerTest.walCheckpointSequence(wal) > sequence;
        });
      }
    }
  }

  private static int pragma(Connection connection, String name) throws SQLException {
    try (var s = connection.createStatement(); var rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
