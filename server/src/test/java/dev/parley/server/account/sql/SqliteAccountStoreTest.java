package dev.parley.server.account.sql;

import dev.parley.server.account.AccountStore;
import dev.parley.server.account.AccountStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteAccountStoreTest implements AccountStoreContract {
  @TempDir
  static Path dir;

  private Database db;
  private GroupCommitter committer;
  private AccountStore store;

  @BeforeAll
  void open() {
    db = Database.open(TestDatabases.sqlite(dir));
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
    store = new SqlAccountStore(db, committer);
  }

  @AfterAll
  void close() {
    committer.close();
    db.close();
  }

  @Override
  public AccountStore store() {
    return store;
  }
}
