package dev.parley.server.account;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The access-token signing keys: ES256 (P-256) keys in a JWK set kept in {@code <data>/jwt-keys.json}.
 * Every token names its key id, so a new key can be added at the front of the set to rotate: new
 * tokens use it while tokens signed by older keys still verify until they expire.
 */
public final class JwtKeys {
  private final ECKey signingKey;
  private final ECDSASigner signer;
  private final Map<String, ECDSAVerifier> verifiers = new HashMap<>();

  private JwtKeys(List<ECKey> keys) {
    try {
      this.signingKey = keys.getFirst();
      this.signer = new ECDSASigner(signingKey);
      for (var key : keys) {
        verifiers.put(key.getKeyID(), new ECDSAVerifier(key.toPublicJWK()));
      }
    } catch (JOSEException e) {
      throw new IllegalStateException("unusable JWT key", e);
    }
  }

  public static JwtKeys loadOrCreate(Path dataDir) {
    var file = dataDir.resolve("jwt-keys.json");
    var json = SecretFile.readOrCreate(file, () -> new JWKSet(generate()).toString(false));
    try {
      var keys = JWKSet.parse(json).getKeys().stream().map(jwk -> (ECKey) jwk).toList();
      if (keys.isEmpty()) {
        throw new IllegalStateException(file + " holds no keys");
      }
      return new JwtKeys(keys);
    } catch (ParseException | ClassCastException e) {
      throw new IllegalStateException(file + " is not a set of EC JWKs: " + e.getMessage(), e);
    }
  }

  /** A fresh key set of one key (tests). */
  public static JwtKeys generateEphemeral() {
    return new JwtKeys(List.of(generate()));
  }

  private static ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyID(UUID.randomUUID().toString())
          .algorithm(JWSAlgorithm.ES256)
          .keyUse(KeyUse.SIGNATURE)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a P-256 key", e);
    }
  }

  String signingKeyId() {
    return signingKey.getKeyID();
  }

  ECDSASigner signer() {
    return signer;
  }

  Optional<ECDSAVerifier> verifier(String keyId) {
    return Optional.ofNullable(keyId).map(verifiers::get);
  }
}
