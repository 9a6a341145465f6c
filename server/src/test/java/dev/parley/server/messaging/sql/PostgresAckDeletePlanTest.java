package dev.parley.server.messaging.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.store.Database;
import dev.parley.server.store.TestDatabases;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plan PostgreSQL caches for an ack's delete once a connection has run it a few times (the
 * generic plan) must look the row up by key whatever the table held when it was made: the plan is
 * kept until the table's statistics change, and with a stale seq scan every ack read the whole queue.
 */
class PostgresAckDeletePlanTest {
  private StoreConfig config;
  private Database db;

  @BeforeEach
  void open() {
    config = TestDatabases.postgres();
    db = Database.open(config);
  }

  @AfterEach
  void close() {
    db.close();
    TestDatabases.dropSchema(config);
  }

  @ParameterizedTest(name = "{0} queued rows")
  @ValueSource(ints = {0, 2_000})
  void theCachedPlanOfAnAckDeleteIsAnIndexLookup(int queued) {
    var plan = db.inTransaction(c -> {
      try (var s = c.createStatement()) {
        s.execute("""
            INSERT INTO deliveries (id, account_id, device_id, kind, conversation_id, message_id, seq, actor_account_id,
                actor_device_id, created_at)
              SELECT g, 'acc' || (g %% 50), 1, 'message', 'conv', 'msg' || g, g, 'sender', 1, 0
              FROM generate_series(1, %d) g""".formatted(queued));
        s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
        s.execute("PREPARE ack_delete AS " + numbered(SqlMessageStore.DELETE_ONE));
        var lines = new ArrayList<String>();
        try (var rs = s.executeQuery("EXPLAIN EXECUTE ack_delete('acc1', 1, 51)")) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
        s.execute("DEALLOCATE ack_delete");
        return lines;
      }
    });
    assertThat(String.join("\n", plan)).contains("Index Scan").doesNotContain("Seq Scan");
  }

  /** {@code sql} with its {@code ?} parameters numbered, as PREPARE wants them. */
  private static String numbered(String sql) {
    var out = new StringBuilder();
    int n = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        out.append('$').append(++n);
      } else {
        out.append(ch);
      }
    }
    return out.toString();
  }
}
