package dev.parley.server.account.sql;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.server.account.Account;
import dev.parley.server.account.AccountStore;
import dev.parley.server.account.Device;
import dev.parley.server.account.NewDevice;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link AccountStore} on SQLite or PostgreSQL (the statements are in the dialects' common subset). */
public final class SqlAccountStore implements AccountStore {
  private static final String ACCOUNT_COLUMNS = "id, phone, display_name, about, created_at";

  private final Database db;
  private final GroupCommitter committer;

  public SqlAccountStore(Database db, GroupCommitter committer) {
    this.db = db;
    this.committer = committer;
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return db.read(c -> findBy(c, "id", id.value()));
  }

  @Override
  public Optional<Account> findByPhone(String e164) {
    return db.read(c -> findBy(c, "phone", e164));
  }

  private static Optional<Account> findBy(Connection c, String column, String value) throws SQLException {
    try (var s = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM accounts WHERE " + column + " = ?")) {
      s.setString(1, value);
      try (var rs = s.executeQuery()) {
        return rs.next() ? Optional.of(account(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public Map<String, AccountId> findByPhones(Collection<String> phones) {
    if (phones.isEmpty()) {
      return Map.of();
    }
    return db.read(c -> {
      var found = new HashMap<String, AccountId>();
      var list = List.copyOf(phones);
      // Chunks keep the statement under SQLite's bound-parameter limit.
      for (int from = 0; from < list.size(); from += 100) {
        var chunk = list.subList(from, Math.min(list.size(), from + 100));
        var sql = "SELECT phone, id FROM accounts WHERE phone IN (" + "?,".repeat(chunk.size() - 1) + "?)";
        try (var s = c.prepareStatement(sql)) {
          for (int i = 0; i < chunk.size(); i++) {
            s.setString(i + 1, chunk.get(i));
          }
          try (var rs = s.executeQuery()) {
            while (rs.next()) {
              found.put(rs.getString(1), new AccountId(rs.getString(2)));
            }
          }
        }
      }
      return found;
    });
  }

  @Override
  public NewDevice addDevice(String e164, String deviceName, long now) {
    return db.inTransaction(c -> {
      boolean created = false;
      try (var s = c.prepareStatement(
          "INSERT INTO accounts (id, phone, created_at) VALUES (?, ?, ?) ON CONFLICT (phone) DO NOTHING")) {
        s.setString(1, AccountId.random().value());
        s.setString(2, e164);
        s.setLong(3, now);
        created = s.executeUpdate() == 1;
      }
      int number;
      AccountId accountId;
      try (var s = c.prepareStatement(
          "UPDATE accounts SET next_device_id = next_device_id + 1 WHERE phone = ? RETURNING id, next_device_id - 1")) {
        s.setString(1, e164);
        try (var rs = s.executeQuery()) {
          rs.next();
          accountId = new AccountId(rs.getString(1));
          number = rs.getInt(2);
        }
      }
      try (var s = c.prepareStatement(
          "INSERT INTO devices (account_id, device_id, name, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, accountId.value());
        s.setInt(2, number);
        s.setString(3, deviceName);
        s.setLong(4, now);
        s.setLong(5, now);
        s.executeUpdate();
      }
      var account = findBy(c, "id", accountId.value()).orElseThrow();
      return new NewDevice(account, new Device(new DeviceId(accountId, number), deviceName, now, now), created);
    });
  }

  @Override
  public List<NewDevice> addAccounts(List<String> phones, String deviceName, long now) {
    if (phones.isEmpty()) {
      return List.of();
    }
    var existing = findByPhones(phones).keySet();
    return db.inTransaction(c -> {
      var created = new ArrayList<NewDevice>();
      // A phone taken between the lookup above and this insert fails the whole chunk (unique phone),
      // which only concurrent provisioning of the same numbers can cause; the caller retries.
      try (var accounts = c.prepareStatement("INSERT INTO accounts (id, phone, next_device_id, created_at) VALUES (?, ?, 2, ?)");
          var devices = c.prepareStatement(
              "INSERT INTO devices (account_id, device_id, name, created_at, last_seen_at) VALUES (?, 1, ?, ?, ?)")) {
        for (var phone : phones) {
          if (existing.contains(phone)) {
            continue;
          }
          var id = AccountId.random();
          accounts.setString(1, id.value());
          accounts.setString(2, phone);
          accounts.setLong(3, now);
          accounts.addBatch();
          devices.setString(1, id.value());
          devices.setString(2, deviceName);
          devices.setLong(3, now);
          devices.setLong(4, now);
          devices.addBatch();
          created.add(new NewDevice(new Account(id, phone, "", "", now), new Device(new DeviceId(id, 1), deviceName, now, now), true));
        }
        accounts.executeBatch();
        devices.executeBatch();
      }
      return created;
    });
  }

  @Override
  public List<Device> devices(AccountId account) {
    return db.read(c -> {
      try (var s = c.prepareStatement(
          "SELECT device_id, name, created_at, last_seen_at FROM devices WHERE account_id = ? ORDER BY device_id")) {
        s.setString(1, account.value());
        try (var rs = s.executeQuery()) {
          var devices = new ArrayList<Device>();
          while (rs.next()) {
            devices.add(new Device(new DeviceId(account, rs.getInt(1)), rs.getString(2), rs.getLong(3), rs.getLong(4)));
          }
          return List.copyOf(devices);
        }
      }
    });
  }

  @Override
  public boolean removeDevice(DeviceId device) {
    return db.inTransaction(c -> {
      try (var s = c.prepareStatement("DELETE FROM devices WHERE account_id = ? AND device_id = ?")) {
        s.setString(1, device.account().value());
        s.setInt(2, device.number());
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public CompletableFuture<Void> touchDevice(DeviceId device, long now) {
    // Through the committer rather than a pooled connection of its own: a reconnect storm would
    // otherwise be thousands of single fsynced transactions, each waiting for SQLite's one write
    // lock against the committer's batches (docs/performance.md, session 9). Unsynced: a "last
    // seen" a crash takes back is harmless.
    return committer.submitUnsynced(c -> {
      var s = GroupCommitter.statement(c, "UPDATE devices SET last_seen_at = ? WHERE account_id = ? AND device_id = ?");
      s.setLong(1, now);
      s.setString(2, device.account().value());
      s.setInt(3, device.number());
      s.executeUpdate();
      return null;
    });
  }

  @Override
  public Optional<Account> updateProfile(AccountId id, String displayName, String about) {
    return db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "UPDATE accounts SET display_name = COALESCE(?, display_name), about = COALESCE(?, about) WHERE id = ?")) {
        s.setString(1, displayName);
        s.setString(2, about);
        s.setString(3, id.value());
        s.executeUpdate();
      }
      return findBy(c, "id", id.value());
    });
  }

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(new AccountId(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
  }
}
