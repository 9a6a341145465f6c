package dev.parley.server.messaging.sql;

import static dev.parley.server.messaging.sql.SqlMessageStore.KIND_DELIVERED;
import static dev.parley.server.messaging.sql.SqlMessageStore.KIND_EVENT;
import static dev.parley.server.messaging.sql.SqlMessageStore.KIND_MESSAGE;
import static dev.parley.server.messaging.sql.SqlMessageStore.KIND_READ;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.HistoryPage;
import dev.parley.server.messaging.ReceiptState;
import dev.parley.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/** The reads of {@link SqlMessageStore}: delivery queues, history, receipts. Blocking, on pooled connections. */
final class SqlMessageReads {
  private final Database db;

  SqlMessageReads(Database db) {
    this.db = db;
  }

  /** The next id {@code IdBlocks} would reserve for {@code name}. */
  long nextBlockStart(String name) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT next_id FROM id_blocks WHERE name = ?")) {
        s.setString(1, name);
        try (var rs = s.executeQuery()) {
          if (!rs.next()) {
            throw new SQLException("no id block named " + name + " in id_blocks");
          }
          return rs.getLong(1);
        }
      }
    });
  }

  List<ServerFrame.Delivery> pending(DeviceId device, long afterId, int limit, long upToId) {
    return db.read(c -> {
      try (var s = c.prepareStatement("""
          SELECT d.id, d.kind, d.conversation_id, d.message_id, d.seq, d.actor_account_id, d.actor_device_id, d.created_at,
                 m.server_time, COALESCE(p.payload, m.payload), m.kind, d.receipt
          FROM deliveries d
          LEFT JOIN messages m ON d.kind = 'message' AND m.id = d.message_id
          LEFT JOIN message_payloads p ON d.has_copy = 1 AND p.message_id = d.message_id
                                       AND p.account_id = d.account_id AND p.device_id = d.device_id
          WHERE d.account_id = ? AND d.device_id = ? AND d.id > ? AND d.id <= ?
          ORDER BY d.id
          LIMIT ?""")) {
        s.setString(1, device.account().value());
        s.setInt(2, device.number());
        s.setLong(3, afterId);
        s.setLong(4, upToId);
        s.setInt(5, limit);
        try (var rs = s.executeQuery()) {
          var deliveries = new ArrayList<ServerFrame.Delivery>();
          while (rs.next()) {
            deliveries.add(delivery(rs));
          }
          return deliveries;
        }
      }
    });
  }

  private static ServerFrame.Delivery delivery(ResultSet rs) throws SQLException {
    long id = rs.getLong(1);
    var conversation = new ConversationId(rs.getString(3));
    var messageId = rs.getString(4);
    long seq = rs.getLong(5);
    var actor = new AccountId(rs.getString(6));
    int actorDevice = rs.getInt(7);
    long createdAt = rs.getLong(8);
    return switch (rs.getString(2)) {
      case KIND_MESSAGE -> KIND_EVENT.equals(rs.getString(11))
          ? new ServerFrame.Message(id, new MessageId(messageId), conversation, seq, actor, actorDevice, rs.getLong(9), null,
              GroupEvent.fromJson(rs.getString(10)))
          : new ServerFrame.Message(id, new MessageId(messageId), conversation, seq, actor, actorDevice, rs.getLong(9),
              rs.getString(10));
      case KIND_DELIVERED -> {
        // A receipt without the column (none should exist after V4) names its actor and message.
        var receipt = rs.getString(12);
        yield receipt == null
            ? new ServerFrame.Delivered(id, conversation, List.of(new ServerFrame.DeviceRef(actor, actorDevice)),
                List.of(new ServerFrame.MessageRef(new MessageId(messageId), seq)), createdAt)
            : new ServerFrame.Delivered(id, conversation, ReceiptColumn.devices(receipt), ReceiptColumn.messages(receipt),
                createdAt);
      }
      case KIND_READ -> new ServerFrame.ReadUpTo(id, conversation, seq, actor, actorDevice, createdAt);
      default -> throw new SQLException("unknown delivery kind " + rs.getString(2) + " in delivery " + id);
    };
  }


  long pendingCount(DeviceId device) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT COUNT(*) FROM deliveries WHERE account_id = ? AND device_id = ?")) {
        s.setString(1, device.account().value());
        s.setInt(2, device.number());
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }


  HistoryPage history(ConversationId conversationId, DeviceId reader, Long beforeSeq, Long afterSeq, int limit, long floorSeq) {
    return db.read(c -> {
      boolean ascending = afterSeq != null;
      var sql = """
          SELECT m.id, m.seq, m.sender_account_id, m.sender_device_id, m.server_time, COALESCE(m.payload, p.payload), m.kind
          FROM messages m
          LEFT JOIN message_payloads p ON p.message_id = m.id AND p.account_id = ? AND p.device_id = ?
          WHERE m.conversation_id = ? AND m.seq %s ? AND m.seq > ?
          ORDER BY m.seq %s
          LIMIT ?""".formatted(ascending ? ">" : "<", ascending ? "ASC" : "DESC");
      try (var s = c.prepareStatement(sql)) {
        s.setString(1, reader.account().value());
        s.setInt(2, reader.number());
        s.setString(3, conversationId.value());
        s.setLong(4, ascending ? afterSeq : (beforeSeq == null ? Long.MAX_VALUE : beforeSeq));
        s.setLong(5, floorSeq);
        s.setInt(6, limit + 1);
        try (var rs = s.executeQuery()) {
          var entries = new ArrayList<HistoryPage.Entry>();
          while (rs.next()) {
            boolean event = KIND_EVENT.equals(rs.getString(7));
            entries.add(new HistoryPage.Entry(new MessageId(rs.getString(1)), rs.getLong(2), new AccountId(rs.getString(3)),
                rs.getInt(4), rs.getLong(5), event ? null : rs.getString(6), event ? GroupEvent.fromJson(rs.getString(6)) : null));
          }
          boolean hasMore = entries.size() > limit;
          if (hasMore) {
            entries.removeLast();
          }
          if (!ascending) {
            Collections.reverse(entries);
          }
          return new HistoryPage(conversationId, entries, hasMore);
        }
      }
    });
  }


  Optional<ReceiptState> receipts(ConversationId conversationId, MessageId messageId) {
    return db.read(c -> {
      long seq;
      DeviceId sender;
      try (var s = c.prepareStatement(
          "SELECT seq, sender_account_id, sender_device_id FROM messages WHERE id = ? AND conversation_id = ?")) {
        s.setString(1, messageId.value());
        s.setString(2, conversationId.value());
        try (var rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.<ReceiptState>empty();
          }
          seq = rs.getLong(1);
          sender = new DeviceId(new AccountId(rs.getString(2)), rs.getInt(3));
        }
      }
      var delivered = new ArrayList<ReceiptState.DeliveredTo>();
      try (var s = c.prepareStatement(
          "SELECT account_id, device_id, delivered_at FROM message_receipts WHERE message_id = ? ORDER BY delivered_at")) {
        s.setString(1, messageId.value());
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            delivered.add(new ReceiptState.DeliveredTo(new DeviceId(new AccountId(rs.getString(1)), rs.getInt(2)), rs.getLong(3)));
          }
        }
      }
      var read = new HashMap<AccountId, Long>();
      try (var s = c.prepareStatement("SELECT account_id, seq FROM read_markers WHERE conversation_id = ?")) {
        s.setString(1, conversationId.value());
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            read.put(new AccountId(rs.getString(1)), rs.getLong(2));
          }
        }
      }
      return Optional.of(new ReceiptState(seq, sender, delivered, read));
    });
  }


  long lastSeq(ConversationId conversationId) {
    return db.read(c -> lastSeq(c, conversationId));
  }

  /** The conversation's highest seq on {@code c} (messages are never deleted), 0 if it has none. */
  static long lastSeq(java.sql.Connection c, ConversationId conversationId) throws SQLException {
    try (var s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM messages WHERE conversation_id = ?")) {
      s.setString(1, conversationId.value());
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
