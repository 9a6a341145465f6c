package dev.parley.server.messaging.sql;

import dev.parley.protocol.DeviceId;
import dev.parley.server.store.Dialect;
import dev.parley.server.store.GroupCommitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The delete of the deliveries some acks name, as (device, id) pairs, for the committer's connection.
 * Its result has each deleted row's {@code id} and {@code has_copy} and, unless only those were
 * asked for, {@code kind, conversation_id, message_id, seq, actor_account_id, actor_device_id}.
 *
 * <p>Why each dialect's statement looks as it does:
 * <ul>
 *   <li>SQLite looks each pair up in the queue's clustered key through an OR of the pairs; given a
 *       row-value IN list it scans the whole table. The lists are padded to a power of two so few
 *       statements are kept.
 *   <li>PostgreSQL joins the queue with the pairs, passed as three arrays, and plans that join
 *       afresh on every run, which for a statement of three parameters costs little. A plan made
 *       once and cached would rest on the table's size when it was made: the one a connection
 *       cached while the queue was empty was a seq scan and hash join, and each ack then read the
 *       whole table, dead rows included, slower with every round (docs/performance.md, session 12).
 *       Given the ids alone beside one device's columns, the planner read the device's whole queue
 *       whenever it believed the queue short, and a backlog drained in O(N^2) (session 4).
 * </ul>
 */
final class DeliveryDeletes {
  /** Most pairs one statement deletes. */
  private static final int MAX_PAIRS_SQLITE = 64;
  private static final int MAX_PAIRS_POSTGRES = 256;

  private static final String RETURNING_ALL = " RETURNING id, has_copy, kind, conversation_id, message_id, seq, actor_account_id, actor_device_id";
  private static final String RETURNING_IDS = " RETURNING id, has_copy";

  private static final String POSTGRES_DELETE = """
      DELETE FROM deliveries USING unnest(?::text[], ?::bigint[], ?::bigint[]) AS acked (account, device, delivery)
      WHERE account_id = acked.account AND device_id = acked.device AND id = acked.delivery""";

  private final boolean postgres;
  private final String[] sqliteDeletes = new String[2 * (Integer.numberOfTrailingZeros(MAX_PAIRS_SQLITE) + 1)];

  DeliveryDeletes(Dialect dialect) {
    this.postgres = dialect == Dialect.POSTGRES;
  }

  int maxPairs() {
    return postgres ? MAX_PAIRS_POSTGRES : MAX_PAIRS_SQLITE;
  }

  /**
   * Deletes the pairs ({@code devices.get(i)}, {@code ids[i]}), at most {@link #maxPairs()}, each
   * named once, and returns the rows deleted; {@code idsOnly} asks for {@code id} and
   * {@code has_copy} alone (the store holds the rest, {@link RecentDeliveries}).
   */
  ResultSet delete(Connection c, List<DeviceId> devices, long[] ids, boolean idsOnly) throws SQLException {
    if (postgres) {
      var accounts = new String[ids.length];
      var numbers = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        accounts[i] = devices.get(i).account().value();
        numbers[i] = devices.get(i).number();
      }
      var delete = GroupCommitter.replannedStatement(c, POSTGRES_DELETE + (idsOnly ? RETURNING_IDS : RETURNING_ALL));
      // PostgreSQL's driver sends Java arrays as arrays.
      delete.setObject(1, accounts);
      delete.setObject(2, numbers);
      delete.setObject(3, ids);
      return delete.executeQuery();
    }
    int size = Math.max(1, Integer.highestOneBit(ids.length - 1) << 1);
    var delete = GroupCommitter.statement(c, sqliteDelete(size, idsOnly));
    int p = 1;
    for (int i = 0; i < size; i++) {
      // Padding repeats the last pair: naming a pair twice deletes it once.
      int pair = Math.min(i, ids.length - 1);
      delete.setString(p++, devices.get(pair).account().value());
      delete.setInt(p++, devices.get(pair).number());
      delete.setLong(p++, ids[pair]);
    }
    return delete.executeQuery();
  }

  private String sqliteDelete(int size, boolean idsOnly) {
    int slot = 2 * Integer.numberOfTrailingZeros(size) + (idsOnly ? 1 : 0);
    if (sqliteDeletes[slot] == null) {
      sqliteDeletes[slot] = "DELETE FROM deliveries WHERE (account_id = ? AND device_id = ? AND id = ?)"
          + " OR (account_id = ? AND device_id = ? AND id = ?)".repeat(size - 1) + (idsOnly ? RETURNING_IDS : RETURNING_ALL);
    }
    return sqliteDeletes[slot];
  }
}
