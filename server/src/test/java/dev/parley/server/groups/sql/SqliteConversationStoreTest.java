package dev.parley.server.groups.sql;

import dev.parley.server.groups.ConversationStore;
import dev.parley.server.groups.ConversationStoreContract;
import dev.parley.protocol.DeviceId;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import java.time.InstantSource;
import java.util.List;
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
  private GroupCommitter committer;
  private final RecordingEventAppender events = new RecordingEventAppender();

  @BeforeAll
  void open() {
    db = Database.open(TestDatabases.sqlite(dir));
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
    store = new SqlConversationStore(db, committer, events, account -> List.of(new DeviceId(account, 1)), InstantSource.system());
  }

  @AfterAll
  void close() {
    committer.close();
    db.close();
  }

  @Override
  public ConversationStore store() {
    return store;
  }

  @Override
  public RecordingEventAppender events() {
    return events;
  }
}
