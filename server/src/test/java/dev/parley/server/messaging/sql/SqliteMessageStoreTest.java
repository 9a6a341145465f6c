package dev.parley.server.messaging.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMessageStoreTest extends SqlMessageStoreTest {
  @TempDir
  static Path dir;

  SqliteMessageStoreTest() {
    super(SqlMessageStore.RECENT_DELIVERIES);
  }

  @Override
  StoreConfig newDatabase() {
    return TestDatabases.sqlite(dir);
  }
}
