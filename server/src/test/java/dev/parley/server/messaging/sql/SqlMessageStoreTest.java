package dev.parley.server.messaging.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.messaging.MessageStore;
import dev.parley.server.messaging.MessageStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.TestDatabases;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The store contract on a real database: one store for the class, on a fresh database (a PostgreSQL
 * schema is dropped afterwards), holding {@code recentDeliveries} queued deliveries in memory for acks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlMessageStoreTest implements MessageStoreContract {
  private final int recentDeliveries;
  private StoreConfig config;
  private Database db;
  private GroupCommitter committer;
  private MessageStore store;

  SqlMessageStoreTest(int recentDeliveries) {
    this.recentDeliveries = recentDeliveries;
  }

  abstract StoreConfig newDatabase();

  @BeforeAll
  void open() {
    config = newDatabase();
    db = Database.open(config);
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
    store = new SqlMessageStore(db, committer, InstantSource.system(), recentDeliveries);
  }

  @AfterAll
  void close() {
    committer.close();
    db.close();
    if (config.kind() == StoreConfig.Kind.POSTGRES) {
      TestDatabases.dropSchema(config);
    }
  }

  @Override
  public MessageStore store() {
    return store;
  }
}
