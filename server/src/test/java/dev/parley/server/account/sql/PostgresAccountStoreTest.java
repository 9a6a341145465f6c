package dev.parley.server.account.sql;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.account.AccountStore;
import dev.parley.server.account.AccountStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAccountStoreTest implements AccountStoreContract {
  private StoreConfig config;
  private Database db;
  private GroupCommitter committer;
  private AccountStore store;

  @BeforeAll
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
    store = new SqlAccountStore(db, committer);
  }

  @AfterAll
  void close() {
    committer.close();
    db.close();
    TestDatabases.dropSchema(config);
  }

  @Override
  public AccountStore store() {
    return store;
  }
}
