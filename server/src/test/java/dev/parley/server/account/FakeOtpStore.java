package dev.parley.server.account;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link OtpStore}. */
final class FakeOtpStore implements OtpStore {
  private final Map<String, PendingCode> codes = new HashMap<>();

  @Override
  public synchronized Optional<PendingCode> find(String phone) {
    return Optional.ofNullable(codes.get(phone));
  }

  @Override
  public synchronized void save(PendingCode code) {
    codes.put(code.phone(), code);
  }

  @Override
  public synchronized int recordFailedAttempt(String phone) {
    var code = codes.get(phone);
    if (code == null) {
      return 0;
    }
    var counted = new PendingCode(code.phone(), code.codeHash(), code.expiresAt(), code.attempts() + 1, code.sentAt());
    codes.put(phone, counted);
    return counted.attempts();
  }

  @Override
  public synchronized void delete(String phone) {
    codes.remove(phone);
  }
}
