package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.StoreConfig;
import java.nio.file.Path;
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
}
