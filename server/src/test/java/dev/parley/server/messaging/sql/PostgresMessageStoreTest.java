package dev.parley.server.messaging.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.TestDatabases;

class PostgresMessageStoreTest extends SqlMessageStoreTest {
  PostgresMessageStoreTest() {
    super(SqlMessageStore.RECENT_DELIVERIES);
  }

  @Override
  StoreConfig newDatabase() {
    return TestDatabases.postgres();
  }
}
