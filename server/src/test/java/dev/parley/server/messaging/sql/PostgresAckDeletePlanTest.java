package dev.parley.server.messaging.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.Database;
import dev.parley.server.store.Dialect;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ack's delete on PostgreSQL must look its rows up by key however the queue has grown since the
 * committer's connection first ran it: a plan cached while the queue was empty was a seq scan that
 * every later ack repeated over the whole table.
 */
class PostgresAckDeletePlanTest {
  private static final DeviceId DEVICE = new DeviceId(new AccountId("acc1"), 1);

  private StoreConfig config;
  private Database db;
  private GroupCommitter committer;

  @BeforeEach
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
    committer = new GroupCommitter(db, 64, GroupCommitter.BatchListener.NONE);
  }

  @AfterEach
  void close() {
    committer.close();
    db.close();
    TestDatabases.dropSchema(config);
  }

  @Test
  void anAckDeleteFirstRunOnAnEmptyQueueLooksRowsUpByKeyOnceTheQueueIsLong() {
    var deletes = new DeliveryDeletes(Dialect.POSTGRES);
    var scans = committer.submit(c -> {
      var acked = LongStream.rangeClosed(1, 16).map(i -> 50 * i + 1).toArray();
      // More runs than PostgreSQL makes before it may settle on one plan for a prepared statement.
      for (int run = 0; run < 12; run++) {
        deleteAll(deletes, c, acked);
      }
      try (var s = c.createStatement()) {
        s.execute("""
            INSERT INTO deliveries (id, account_id, device_id, kind, conversation_id, message_id, seq, actor_account_id,
                actor_device_id, created_at)
              SELECT g, 'acc' || (g % 50), 1, 'message', 'conv', 'msg' || g, g, 'sender', 1, 0
              FROM generate_series(1, 100000) g""");
      }
      var before = scans(c);
      int deleted = deleteAll(deletes, c, acked);
      var after = scans(c);
      return new long[] {deleted, after[0] - before[0], after[1] - before[1]};
    }).join();

    assertThat(scans[0]).as("rows deleted").isEqualTo(16);
    assertThat(scans[1]).as("seq scans of deliveries").isZero();
    assertThat(scans[2]).as("index scans of deliveries").isPositive();
  }

  private static int deleteAll(DeliveryDeletes deletes, Connection c, long[] ids) throws SQLException {
    int deleted = 0;
    try (var rs = deletes.delete(c, Collections.nCopies(ids.length, DEVICE), ids, true)) {
      while (rs.next()) {
        deleted++;
      }
    }
    return deleted;
  }

  /** This transaction's sequential and index scans of deliveries so far. */
  private static long[] scans(Connection c) throws SQLException {
    try (var s = c.createStatement();
        var rs = s.executeQuery("""
            SELECT seq_scan, idx_scan FROM pg_stat_xact_user_tables
            WHERE schemaname = current_schema() AND relname = 'deliveries'""")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }
}
