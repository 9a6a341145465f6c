package dev.parley.server.account;

import dev.parley.protocol.DeviceId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link RefreshTokenStore}. */
final class FakeRefreshTokenStore implements RefreshTokenStore {
  private final Map<String, RefreshToken> tokens = new LinkedHashMap<>();

  @Override
  public synchronized void insert(RefreshToken token) {
    tokens.put(token.tokenHash(), token);
  }

  @Override
  public synchronized Optional<RefreshToken> find(String tokenHash) {
    return Optional.ofNullable(tokens.get(tokenHash));
  }

  @Override
  public synchronized boolean spend(String tokenHash, long now) {
    var token = tokens.get(tokenHash);
    if (token == null || token.spentAt() != null || token.revokedAt() != null) {
      return false;
    }
    tokens.put(tokenHash, new RefreshToken(token.tokenHash(), token.familyId(), token.device(), token.expiresAt(), now, null));
    return true;
  }

  @Override
  public synchronized void revokeFamily(String familyId, long now) {
    tokens.replaceAll((hash, token) -> token.familyId().equals(familyId) && token.revokedAt() == null ? revoked(token, now) : token);
  }

  @Override
  public synchronized void revokeDevice(DeviceId device, long now) {
    tokens.replaceAll((hash, token) -> token.device().equals(device) && token.revokedAt() == null ? revoked(token, now) : token);
  }

  private static RefreshToken revoked(RefreshToken token, long now) {
    return new RefreshToken(token.tokenHash(), token.familyId(), token.device(), token.expiresAt(), token.spentAt(), now);
  }
}
