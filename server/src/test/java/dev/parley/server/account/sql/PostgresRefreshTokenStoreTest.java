package dev.parley.server.account.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.account.RefreshTokenStore;
import dev.parley.server.account.RefreshTokenStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresRefreshTokenStoreTest implements RefreshTokenStoreContract {
  private StoreConfig config;
  private Database db;
  private RefreshTokenStore store;

  @BeforeAll
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
    store = new SqlRefreshTokenStore(db);
  }

  @AfterAll
  void close() {
    db.close();
    TestDatabases.dropSchema(config);
  }

  @Override
  public RefreshTokenStore store() {
    return store;
  }
}
