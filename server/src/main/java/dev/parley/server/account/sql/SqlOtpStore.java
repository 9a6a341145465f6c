package dev.parley.server.account.sql;

import dev.parley.server.account.OtpStore;
import dev.parley.server.store.Database;
import java.util.Optional;

/** {@link OtpStore} on SQLite or PostgreSQL. */
public final class SqlOtpStore implements OtpStore {
  private final Database db;

  public SqlOtpStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<PendingCode> find(String phone) {
    return db.read(c -> {
      try (var s = c.prepareStatement("SELECT code_hash, expires_at, attempts, sent_at FROM otp_codes WHERE phone = ?")) {
        s.setString(1, phone);
        try (var rs = s.executeQuery()) {
          return rs.next()
              ? Optional.of(new PendingCode(phone, rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getLong(4)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public void save(PendingCode code) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement("""
          INSERT INTO otp_codes (phone, code_hash, expires_at, attempts, sent_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
            attempts = excluded.attempts, sent_at = excluded.sent_at""")) {
        s.setString(1, code.phone());
        s.setString(2, code.codeHash());
        s.setLong(3, code.expiresAt());
        s.setInt(4, code.attempts());
        s.setLong(5, code.sentAt());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public int recordFailedAttempt(String phone) {
    return db.inTransaction(c -> {
      try (var s = c.prepareStatement("UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = ? RETURNING attempts")) {
        s.setString(1, phone);
        try (var rs = s.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
  }

  @Override
  public void delete(String phone) {
    db.inTransaction(c -> {
      try (var s = c.prepareStatement("DELETE FROM otp_codes WHERE phone = ?")) {
        s.setString(1, phone);
        return s.executeUpdate();
      }
    });
  }
}
