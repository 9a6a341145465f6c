package dev.parley.server.groups.sql;

import dev.parley.server.groups.ConversationStore;
import dev.parley.server.groups.ConversationStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteConversationStoreTest implements ConversationStoreContract {
  @TempDir
  static Path dir;

  private Database db;
  private ConversationStore store;

  @BeforeAll
  void open() {
    db = Database.open(TestDatabases.sqlite(dir));
    store = new SqlConversationStore(db);
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Override
  public ConversationStore store() {
    return store;
  }
}
