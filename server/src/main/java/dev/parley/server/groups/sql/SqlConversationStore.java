package dev.parley.server.groups.sql;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupSettings;
import dev.parley.protocol.Outcome;
import dev.parley.server.groups.Conversation;
import dev.parley.server.groups.ConversationStore;
import dev.parley.server.groups.GroupPlan;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link ConversationStore} on SQLite or PostgreSQL. Group changes run on the {@link GroupCommitter},
 * the same single writer that stores messages, so a change and the sends around it are totally
 * ordered: a message committed after a member's removal is not queued for that member.
 */
public final class SqlConversationStore implements ConversationStore {
  private final Database db;
  private final GroupCommitter committer;
  private final EventAppender events;
  private final Function<AccountId, List<DeviceId>> devicesOf;
  private final InstantSource clock;

  public SqlConversationStore(Database db, GroupCommitter committer, EventAppender events,
      Function<AccountId, List<DeviceId>> devicesOf, InstantSource clock) {
    this.db = db;
    this.committer = committer;
    this.events = events;
    this.devicesOf = devicesOf;
    this.clock = clock;
  }

  @Override
  public Optional<Conversation> find(ConversationId id) {
    return db.read(c -> load(c, id));
  }

  private static Optional<Conversation> load(Connection c, ConversationId id) throws SQLException {
    Conversation.Kind kind;
    String name;
    String description;
    GroupSettings settings;
    long createdAt;
    try (var s = c.prepareStatement(
        "SELECT kind, name, description, only_admins_send, only_admins_edit_info, created_at FROM conversations WHERE id = ?")) {
      s.setString(1, id.value());
      try (var rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        kind = Conversation.Kind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT));
        name = rs.getString(2);
        description = rs.getString(3);
        settings = new GroupSettings(rs.getInt(4) != 0, rs.getInt(5) != 0);
        createdAt = rs.getLong(6);
      }
    }
    var members = new ArrayList<Conversation.Member>();
    try (var s = c.prepareStatement("""
        SELECT account_id, role, joined_at, joined_seq FROM conversation_members WHERE conversation_id = ?
        ORDER BY joined_seq, joined_at""")) {
      s.setString(1, id.value());
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          members.add(new Conversation.Member(new AccountId(rs.getString(1)),
              Conversation.Role.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getLong(3), rs.getLong(4)));
        }
      }
    }
    return Optional.of(new Conversation(id, kind, name, description, settings, members, createdAt));
  }

  @Override
  public void createDirect(ConversationId id, AccountId first, AccountId second, long now) {
    // On the committer: the first message of every new chat creates one, and a write of its own
    // would wait for SQLite's one write lock against the committer's batches.
    committer.run(c -> {
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

  private record Changed(Outcome<Conversation> outcome, List<Runnable> afterCommit) {}

  @Override
  public CompletableFuture<Outcome<Conversation>> change(
      ConversationId id, DeviceId actor, Function<Optional<Conversation>, Outcome<GroupPlan>> decide, Consumer<Conversation> applied) {
    return committer.submit(c -> {
      var before = load(c, id);
      var decided = decide.apply(before);
      if (!(decided instanceof Outcome.Ok<GroupPlan>(var plan))) {
        return new Changed(((Outcome.Refused<GroupPlan>) decided).cast(), List.of());
      }
      if (plan.changesNothing()) {
        return new Changed(Outcome.ok(before.orElse(plan.after())), List.of());
      }
      long now = clock.millis();
      writeInfo(c, before.isEmpty(), plan.after());
      var told = new LinkedHashSet<AccountId>(plan.after().memberAccounts());
      told.addAll(plan.alsoNotify());
      var recipients = told.stream().flatMap(account -> devicesOf.apply(account).stream()).toList();
      var afterCommit = new ArrayList<Runnable>();
      long firstSeq = -1;
      for (var event : plan.events()) {
        var appended = events.append(c, id, actor, event, recipients, now);
        afterCommit.add(appended.afterCommit());
        if (firstSeq < 0) {
          firstSeq = appended.seq();
        }
      }
      var after = writeMembers(c, before, plan.after(), firstSeq - 1);
      applied.accept(after);
      return new Changed(Outcome.ok(after), afterCommit);
    }, changed -> changed.afterCommit().forEach(Runnable::run)).thenApply(Changed::outcome);
  }

  private static void writeInfo(Connection c, boolean create, Conversation group) throws SQLException {
    var sql = create
        ? "INSERT INTO conversations (name, description, only_admins_send, only_admins_edit_info, id, kind, created_at) VALUES (?, ?, ?, ?, ?, 'group', ?)"
        : "UPDATE conversations SET name = ?, description = ?, only_admins_send = ?, only_admins_edit_info = ? WHERE id = ?";
    try (var s = c.prepareStatement(sql)) {
      s.setString(1, group.name());
      s.setString(2, group.description());
      s.setInt(3, group.settings().onlyAdminsSend() ? 1 : 0);
      s.setInt(4, group.settings().onlyAdminsEditInfo() ? 1 : 0);
      s.setString(5, group.id().value());
      if (create) {
        s.setLong(6, group.createdAt());
      }
      s.executeUpdate();
    }
  }

  /** Writes the difference between the members before and after; new members join after {@code joinedSeq}. */
  private static Conversation writeMembers(Connection c, Optional<Conversation> before, Conversation after, long joinedSeq)
      throws SQLException {
    var old = new HashMap<AccountId, Conversation.Member>();
    before.ifPresent(group -> group.members().forEach(m -> old.put(m.account(), m)));
    var written = new ArrayList<Conversation.Member>();
    try (var insert = c.prepareStatement(
            "INSERT INTO conversation_members (conversation_id, account_id, role, joined_at, joined_seq) VALUES (?, ?, ?, ?, ?)");
        var update = c.prepareStatement("UPDATE conversation_members SET role = ? WHERE conversation_id = ? AND account_id = ?")) {
      for (var member : after.members()) {
        var previous = old.remove(member.account());
        if (previous == null) {
          var joined = new Conversation.Member(member.account(), member.role(), member.joinedAt(), joinedSeq);
          insert.setString(1, after.id().value());
          insert.setString(2, member.account().value());
          insert.setString(3, member.role().name().toLowerCase(Locale.ROOT));
          insert.setLong(4, member.joinedAt());
          insert.setLong(5, joinedSeq);
          insert.addBatch();
          written.add(joined);
        } else {
          if (previous.role() != member.role()) {
            update.setString(1, member.role().name().toLowerCase(Locale.ROOT));
            update.setString(2, after.id().value());
            update.setString(3, member.account().value());
            update.addBatch();
          }
          written.add(member);
        }
      }
      insert.executeBatch();
      update.executeBatch();
    }
    if (!old.isEmpty()) {
      try (var delete = c.prepareStatement("DELETE FROM conversation_members WHERE conversation_id = ? AND account_id = ?")) {
        for (var gone : old.keySet()) {
          delete.setString(1, after.id().value());
          delete.setString(2, gone.value());
          delete.addBatch();
        }
        delete.executeBatch();
      }
    }
    return after.withMembers(written);
  }

  @Override
  public void createInvite(ConversationId id, String tokenHash, AccountId createdBy, long now) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "INSERT INTO group_invites (token_hash, conversation_id, created_by, created_at) VALUES (?, ?, ?, ?)")) {
        s.setString(1, tokenHash);
        s.setString(2, id.value());
        s.setString(3, createdBy.value());
        s.setLong(4, now);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public Optional<ConversationId> findInvite(String tokenHash) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT conversation_id FROM group_invites WHERE token_hash = ? AND revoked_at IS NULL")) {
        s.setString(1, tokenHash);
        try (var rs = s.executeQuery()) {
          return rs.next() ? Optional.of(new ConversationId(rs.getString(1))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean revokeInvite(ConversationId id, String tokenHash, long now) {
    return db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "UPDATE group_invites SET revoked_at = ? WHERE token_hash = ? AND conversation_id = ? AND revoked_at IS NULL")) {
        s.setLong(1, now);
        s.setString(2, tokenHash);
        s.setString(3, id.value());
        return s.executeUpdate() == 1;
      }
    });
  }
}
