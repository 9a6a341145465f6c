package dev.parley.server.account;

import java.util.Optional;

/** Pending one-time codes, one per phone number, stored as keyed hashes. */
public interface OtpStore {

  /** A pending code. {@code codeHash} is an HMAC of phone and code, never the code itself. */
  record PendingCode(String phone, String codeHash, long expiresAt, int attempts, long sentAt) {}

  Optional<PendingCode> find(String phone);

  /** Replaces any pending code for the phone. */
  void save(PendingCode code);

  /** Counts a wrong guess atomically and returns the attempts made so far (0 if there is no code). */
  int recordFailedAttempt(String phone);

  void delete(String phone);
}
