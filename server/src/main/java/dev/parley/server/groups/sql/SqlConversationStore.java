package dev.parley.server.groups.sql;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.server.groups.Conversation;
import dev.parley.server.groups.ConversationStore;
import dev.parley.server.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link ConversationStore} on SQLite or PostgreSQL. */
public final class SqlConversationStore implements ConversationStore {
  private final Database db;

  public SqlConversationStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Conversation> find(ConversationId id) {
    return db.read(c -> {
      Conversation.Kind kind;
      long createdAt;
      try (var s = c.prepareStatement("SELECT kind, created_at FROM conversations WHERE id = ?")) {
        s.setString(1, id.value());
        try (var rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          kind = Conversation.Kind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT));
          createdAt = rs.getLong(2);
        }
      }
      var members = new ArrayList<Conversation.Member>();
      try (var s = c.prepareStatement(
          "SELECT account_id, role, joined_at FROM conversation_members WHERE conversation_id = ? ORDER BY joined_at, account_id")) {
        s.setString(1, id.value());
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            members.add(new Conversation.Member(new AccountId(rs.getString(1)),
                Conversation.Role.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getLong(3)));
          }
        }
      }
      return Optional.of(new Conversation(id, kind, members, createdAt));
    });
  }

  @Override
  public void createDirect(ConversationId id, AccountId first, AccountId second, long now) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "INSERT INTO conversations (id, kind, created_at) VALUES (?, 'direct', ?) ON CONFLICT (id) DO NOTHING")) {
        s.setString(1, id.value());
        s.setLong(2, now);
        if (s.executeUpdate() == 0) {
          return null;
        }
      }
      try (var s = c.prepareStatement(
          "INSERT INTO conversation_members (conversation_id, account_id, role, joined_at) VALUES (?, ?, 'member', ?)")) {
        for (var account : List.of(first, second)) {
          s.setString(1, id.value());
          s.setString(2, account.value());
          s.setLong(3, now);
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  @Override
  public List<ConversationId> conversationsOf(AccountId account) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT conversation_id FROM conversation_members WHERE account_id = ?")) {
        s.setString(1, account.value());
        try (var rs = s.executeQuery()) {
          var ids = new ArrayList<ConversationId>();
          while (rs.next()) {
            ids.add(new ConversationId(rs.getString(1)));
          }
          return ids;
        }
      }
    });
  }
}
