package dev.parley.server.groups.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.groups.ConversationStore;
import dev.parley.server.groups.ConversationStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresConversationStoreTest implements ConversationStoreContract {
  private StoreConfig config;
  private Database db;
  private ConversationStore store;

  @BeforeAll
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
    store = new SqlConversationStore(db);
  }

  @AfterAll
  void close() {
    db.close();
    TestDatabases.dropSchema(config);
  }

  @Override
  public ConversationStore store() {
    return store;
  }
}
