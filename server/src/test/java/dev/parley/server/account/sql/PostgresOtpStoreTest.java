package dev.parley.server.account.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.account.OtpStore;
import dev.parley.server.account.OtpStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOtpStoreTest implements OtpStoreContract {
  private StoreConfig config;
  private Database db;
  private OtpStore store;

  @BeforeAll
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
    store = new SqlOtpStore(db);
  }

  @AfterAll
  void close() {
    db.close();
    TestDatabases.dropSchema(config);
  }

  @Override
  public OtpStore store() {
    return store;
  }
}
