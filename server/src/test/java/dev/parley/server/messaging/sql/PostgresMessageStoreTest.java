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

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresMessageStoreTest implements MessageStoreContract {
  private StoreConfig config;
  private Database db;
  private GroupCommitter committer;
  private MessageStore store;

  @BeforeAll
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
    store = new SqlMessageStore(db, committer, InstantSource.system());
  }

  @AfterAll
  void close() {
    committer.close();
    db.close();
    TestDatabases.dropSchema(config);
  }

  @Override
  public MessageStore store() {
    return store;
  }
}
