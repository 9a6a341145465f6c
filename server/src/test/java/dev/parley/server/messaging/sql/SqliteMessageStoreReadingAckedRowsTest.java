package dev.parley.server.messaging.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract with no deliveries held in memory: every ack reads the rows it deletes back, as after a restart. */
class SqliteMessageStoreReadingAckedRowsTest extends SqlMessageStoreTest {
  @TempDir
  static Path dir;

  SqliteMessageStoreReadingAckedRowsTest() {
    super(0);
  }

  @Override
  StoreConfig newDatabase() {
    return TestDatabases.sqlite(dir);
  }
}
