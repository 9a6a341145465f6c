package dev.parley.server.account.sql;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.server.account.RefreshTokenStore;
import dev.parley.server.store.Database;
import java.util.List;
import java.util.Optional;

/** {@link RefreshTokenStore} on SQLite or PostgreSQL. */
public final class SqlRefreshTokenStore implements RefreshTokenStore {
  private final Database db;

  public SqlRefreshTokenStore(Database db) {
    this.db = db;
  }

  @Override
  public void insert(RefreshToken token) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "INSERT INTO refresh_tokens (token_hash, family_id, account_id, device_id, expires_at) VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, token.tokenHash());
        s.setString(2, token.familyId());
        s.setString(3, token.device().account().value());
        s.setInt(4, token.device().number());
        s.setLong(5, token.expiresAt());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public void insertAll(List<RefreshToken> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "INSERT INTO refresh_tokens (token_hash, family_id, account_id, device_id, expires_at) VALUES (?, ?, ?, ?, ?)")) {
        for (var token : tokens) {
          s.setString(1, token.tokenHash());
          s.setString(2, token.familyId());
          s.setString(3, token.device().account().value());
          s.setInt(4, token.device().number());
          s.setLong(5, token.expiresAt());
          s.addBatch();
        }
        return s.executeBatch();
      }
    });
  }

  @Override
  public Optional<RefreshToken> find(String tokenHash) {
    return db.read(c -> {
      try (var s = c.prepareStatement(
          "SELECT family_id, account_id, device_id, expires_at, spent_at, revoked_at FROM refresh_tokens WHERE token_hash = ?")) {
        s.setString(1, tokenHash);
        try (var rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          long spent = rs.getLong(5);
          Long spentAt = rs.wasNull() ? null : spent;
          long revoked = rs.getLong(6);
          Long revokedAt = rs.wasNull() ? null : revoked;
          return Optional.of(new RefreshToken(tokenHash, rs.getString(1),
              new DeviceId(new AccountId(rs.getString(2)), rs.getInt(3)), rs.getLong(4), spentAt, revokedAt));
        }
      }
    });
  }

  @Override
  public boolean spend(String tokenHash, long now) {
    return db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ? AND spent_at IS NULL AND revoked_at IS NULL")) {
        s.setLong(1, now);
        s.setString(2, tokenHash);
        return s.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void revokeFamily(String familyId, long now) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
        s.setLong(1, now);
        s.setString(2, familyId);
        return s.executeUpdate();
      }
    });
  }

  @Override
  public void revokeDevice(DeviceId device, long now) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement(
          "UPDATE refresh_tokens SET revoked_at = ? WHERE account_id = ? AND device_id = ? AND revoked_at IS NULL")) {
        s.setLong(1, now);
        s.setString(2, device.account().value());
        s.setInt(3, device.number());
        return s.executeUpdate();
      }
    });
  }
}
