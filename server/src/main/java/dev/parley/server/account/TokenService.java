package dev.parley.server.account;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.server.config.AccountConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session tokens. The access token is a JWT (ES256, {@code sub} = account, {@code dev} = device
 * number) that any node can check without the database. The refresh token is 256 random bits, stored
 * only as its SHA-256, and single-use: each refresh spends it and issues the next one of its family.
 * Presenting a spent token means it was copied, so the whole family (that device's sign-in) is revoked.
 */
public final class TokenService {
  private static final Logger log = LoggerFactory.getLogger(TokenService.class);
  private static final String ISSUER = "parley";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JwtKeys keys;
  private final RefreshTokenStore refreshTokens;
  private final AccountConfig config;
  private final InstantSource clock;

  public TokenService(JwtKeys keys, RefreshTokenStore refreshTokens, AccountConfig config, InstantSource clock) {
    this.keys = keys;
    this.refreshTokens = refreshTokens;
    this.config = config;
    this.clock = clock;
  }

  /** Starts a new token family for a device that just signed in. */
  public SessionTokens issue(DeviceId device, boolean newAccount) {
    return issue(device, UUID.randomUUID().toString(), newAccount);
  }

  /** Starts a token family for each of many new devices, storing the refresh tokens in one transaction. */
  public List<SessionTokens> issueAll(List<DeviceId> devices) {
    long now = clock.millis();
    long accessExpiresAt = now + config.accessTokenTtl().toMillis();
    var stored = new ArrayList<RefreshTokenStore.RefreshToken>(devices.size());
    var sessions = new ArrayList<SessionTokens>(devices.size());
    for (var device : devices) {
      var refreshToken = randomToken();
      stored.add(new RefreshTokenStore.RefreshToken(sha256(refreshToken), UUID.randomUUID().toString(), device,
          now + config.refreshTokenTtl().toMillis(), null, null));
      sessions.add(new SessionTokens(device.account(), device.number(), accessToken(device, now, accessExpiresAt),
          accessExpiresAt, refreshToken, true));
    }
    refreshTokens.insertAll(stored);
    return sessions;
  }

  private SessionTokens issue(DeviceId device, String familyId, boolean newAccount) {
    long now = clock.millis();
    long accessExpiresAt = now + config.accessTokenTtl().toMillis();
    var refreshToken = randomToken();
    refreshTokens.insert(new RefreshTokenStore.RefreshToken(
        sha256(refreshToken), familyId, device, now + config.refreshTokenTtl().toMillis(), null, null));
    return new SessionTokens(device.account(), device.number(), accessToken(device, now, accessExpiresAt),
        accessExpiresAt, refreshToken, newAccount);
  }

  /** Spends a refresh token and issues the next pair of its family. */
  public Outcome<SessionTokens> refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      return Outcome.refused(ErrorCode.REFRESH_TOKEN_INVALID, "refreshToken is required");
    }
    long now = clock.millis();
    var stored = refreshTokens.find(sha256(refreshToken));
    if (stored.isEmpty()) {
      return Outcome.refused(ErrorCode.REFRESH_TOKEN_INVALID, "unknown refresh token; sign in again");
    }
    var token = stored.get();
    if (token.revokedAt() != null) {
      return Outcome.refused(ErrorCode.REFRESH_TOKEN_INVALID, "this session was signed out; sign in again");
    }
    if (token.spentAt() != null || !refreshTokens.spend(token.tokenHash(), now)) {
      log.warn("refresh token reuse for device {}: revoking its session", token.device());
      refreshTokens.revokeFamily(token.familyId(), now);
      return Outcome.refused(ErrorCode.REFRESH_TOKEN_REUSED,
          "this refresh token was already used, so the session has been revoked; sign in again");
    }
    if (now >= token.expiresAt()) {
      return Outcome.refused(ErrorCode.REFRESH_TOKEN_INVALID, "the refresh token has expired; sign in again");
    }
    return Outcome.ok(issue(token.device(), token.familyId(), false));
  }

  /** Signs out the session that owns {@code refreshToken}, if it belongs to {@code device}. */
  public boolean logout(DeviceId device, String refreshToken) {
    var stored = refreshTokens.find(sha256(refreshToken == null ? "" : refreshToken));
    if (stored.isEmpty() || !stored.get().device().equals(device)) {
      return false;
    }
    refreshTokens.revokeFamily(stored.get().familyId(), clock.millis());
    return true;
  }

  public void revokeDevice(DeviceId device) {
    refreshTokens.revokeDevice(device, clock.millis());
  }

  /** Checks an access token's signature, issuer and expiry; the device's existence is the caller's check. */
  public Outcome<DeviceId> verifyAccessToken(String token) {
    if (token == null || token.isBlank()) {
      return Outcome.refused(ErrorCode.UNAUTHENTICATED, "an access token is required");
    }
    try {
      var jwt = SignedJWT.parse(token);
      var verifier = keys.verifier(jwt.getHeader().getKeyID());
      if (verifier.isEmpty() || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier.get())) {
        return Outcome.refused(ErrorCode.TOKEN_INVALID, "the access token's signature is not valid");
      }
      var claims = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getExpirationTime() == null) {
        return Outcome.refused(ErrorCode.TOKEN_INVALID, "the access token is not a Parley token");
      }
      if (clock.millis() >= claims.getExpirationTime().getTime()) {
        return Outcome.refused(ErrorCode.TOKEN_EXPIRED, "the access token has expired; refresh it");
      }
      var deviceNumber = claims.getLongClaim("dev");
      if (deviceNumber == null || deviceNumber < 1 || deviceNumber > Integer.MAX_VALUE) {
        return Outcome.refused(ErrorCode.TOKEN_INVALID, "the access token names no device");
      }
      return Outcome.ok(new DeviceId(new AccountId(claims.getSubject()), deviceNumber.intValue()));
    } catch (ParseException | JOSEException | IllegalArgumentException e) {
      return Outcome.refused(ErrorCode.TOKEN_INVALID, "the access token is malformed");
    }
  }

  private String accessToken(DeviceId device, long now, long expiresAt) {
    var claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(device.account().value())
        .claim("dev", device.number())
        .issueTime(new Date(now))
        .expirationTime(new Date(expiresAt))
        .jwtID(UUID.randomUUID().toString())
        .build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.signingKeyId()).build(), claims);
    try {
      jwt.sign(keys.signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an access token", e);
    }
    return jwt.serialize();
  }

  private static String randomToken() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
