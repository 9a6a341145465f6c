package dev.parley.server.messaging.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.TestDatabases;

/**
 * The contract with only the last 100 deliveries held in memory, so one ack can name deliveries
 * held and deliveries long evicted (the contract acks 300 at once), and its deletes take both paths.
 */
class PostgresMessageStoreWithFewRecentDeliveriesTest extends SqlMessageStoreTest {
  PostgresMessageStoreWithFewRecentDeliveriesTest() {
    super(100);
  }

  @Override
  StoreConfig newDatabase() {
    return TestDatabases.postgres();
  }
}
