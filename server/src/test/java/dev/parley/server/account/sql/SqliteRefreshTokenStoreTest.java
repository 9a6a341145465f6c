package dev.parley.server.account.sql;

import dev.parley.server.account.RefreshTokenStore;
import dev.parley.server.account.RefreshTokenStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteRefreshTokenStoreTest implements RefreshTokenStoreContract {
  @TempDir
  static Path dir;

  private Database db;
  private RefreshTokenStore store;

  @BeforeAll
  void open() {
    db = Database.open(TestDatabases.sqlite(dir));
    store = new SqlRefreshTokenStore(db);
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Override
  public RefreshTokenStore store() {
    return store;
  }
}
