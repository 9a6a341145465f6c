package dev.parley.server.account;

import dev.parley.protocol.DeviceId;
import java.util.List;
import java.util.Optional;

/**
 * Refresh tokens, stored as SHA-256 hashes. A token belongs to a family (one sign-in of one device);
 * each refresh spends the token and adds a new one to the family.
 */
public interface RefreshTokenStore {

  record RefreshToken(String tokenHash, String familyId, DeviceId device, long expiresAt, Long spentAt, Long revokedAt) {}

  void insert(RefreshToken token);

  /** Inserts every token; implementations do it in one transaction. */
  default void insertAll(List<RefreshToken> tokens) {
    tokens.forEach(this::insert);
  }

  Optional<RefreshToken> find(String tokenHash);

  /** Spends the token if it is live; false if it was already spent or revoked (a concurrent refresh lost). */
  boolean spend(String tokenHash, long now);

  void revokeFamily(String familyId, long now);

  void revokeDevice(DeviceId device, long now);
}
