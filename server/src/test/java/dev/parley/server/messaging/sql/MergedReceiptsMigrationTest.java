package dev.parley.server.messaging.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.TestDatabases;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration V4: a {@code delivered} receipt queued by an older server comes out as a merged receipt of one device and one message. */
class MergedReceiptsMigrationTest {
  @TempDir Path dir;

  @Test
  void sqliteReceiptQueuedBeforeV4IsDeliveredAfterIt() throws Exception {
    var config = TestDatabases.sqlite(dir);
    var url = "jdbc:sqlite:" + dir.resolve("parley.db").toAbsolutePath();
    Flyway.configure().dataSource(url, "", "").locations("classpath:db/migration/sqlite").target("3").load().migrate();
    receiptQueuedBeforeV4IsDeliveredAfterIt(config, url, "", "");
  }

  @Test
  void postgresReceiptQueuedBeforeV4IsDeliveredAfterIt() throws Exception {
    var config = TestDatabases.postgres();
    try {
      Flyway.configure().dataSource(config.url(), config.user(), config.password()).schemas(config.schema())
          .locations("classpath:db/migration/postgresql").target("3").load().migrate();
      receiptQueuedBeforeV4IsDeliveredAfterIt(config, config.url() + "?currentSchema=" + config.schema(), config.user(),
          config.password());
    } finally {
      TestDatabases.dropSchema(config);
    }
  }

  private void receiptQueuedBeforeV4IsDeliveredAfterIt(StoreConfig config, String url, String user, String password)
      throws SQLException {
    // given a receipt in the queue as version 3 stored it: one device (the actor) and one message
    var alice = new DeviceId(AccountId.random(), 1);
    var bob = new DeviceId(AccountId.random(), 2);
    var conversation = ConversationId.direct(alice.account(), bob.account());
    var messageId = MessageId.generate(1_700_000_000_000L);
    try (var c = DriverManager.getConnection(url, user, password); var s = c.prepareStatement("""
        INSERT INTO deliveries (account_id, device_id, id, kind, conversation_id, message_id, seq, actor_account_id,
                                actor_device_id, created_at)
        VALUES (?, 1, 7, 'delivered', ?, ?, 42, ?, 2, 1700000000500)""")) {
      s.setString(1, alice.account().value());
      s.setString(2, conversation.value());
      s.setString(3, messageId.value());
      s.setString(4, bob.account().value());
      s.executeUpdate();
      try (var blocks = c.createStatement()) {
        blocks.executeUpdate("UPDATE id_blocks SET next_id = 100 WHERE name = 'delivery'");
      }
    }

    // when the server starts on it (migrating to the current version)
    try (var db = Database.open(config); var committer = new GroupCommitter(db, 16, GroupCommitter.BatchListener.NONE)) {
      var store = new SqlMessageStore(db, committer, InstantSource.system());

      // then
      assertThat(store.pending(alice, 0, 10)).containsExactly(new ServerFrame.Delivered(7, conversation,
          List.of(new ServerFrame.DeviceRef(bob.account(), 2)), List.of(new ServerFrame.MessageRef(messageId, 42)),
          1_700_000_000_500L));
    }
  }
}
