package dev.parley.server.messaging.sql;

import dev.parley.server.messaging.MessageStore;
import dev.parley.server.messaging.MessageStoreContract;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqliteMessageStoreTest implements MessageStoreContract {
  @TempDir
  static Path dir;

  private Database db;
  private GroupCommitter committer;
  private MessageStore store;

  @BeforeAll
  void open() {
    db = Database.open(TestDatabases.sqlite(dir));
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
    store = new SqlMessageStore(db, committer, InstantSource.system());
  }

  @AfterAll
  void close() {
    committer.close();
    db.close();
  }

  @Override
  public MessageStore store() {
    return store;
  }
}
