package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.server.config.AccountConfig;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {
  private static final AccountConfig CONFIG =
      new AccountConfig(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofDays(60));
  private static final DeviceId DEVICE = new DeviceId(new AccountId("6f1c2d3e-4a5b-4c6d-8e7f-901234567890"), 2);

  private final FakeClock clock = new FakeClock();
  private final FakeRefreshTokenStore store = new FakeRefreshTokenStore();
  private final JwtKeys keys = JwtKeys.generateEphemeral();
  private final TokenService tokens = new TokenService(keys, store, CONFIG, clock);

  @Test
  void accessTokenVerifiesToItsDevice() {
    // given
    var session = tokens.issue(DEVICE, true);

    // when
    var verified = tokens.verifyAccessToken(session.accessToken());

    // then
    assertThat(verified).isEqualTo(Outcome.ok(DEVICE));
    assertThat(session.accountId()).isEqualTo(DEVICE.account());
    assertThat(session.deviceId()).isEqualTo(2);
    assertThat(session.newAccount()).isTrue();
    assertThat(session.accessTokenExpiresAt()).isEqualTo(clock.millis() + CONFIG.accessTokenTtl().toMillis());
  }

  @Test
  void accessTokenStillVerifiesJustBeforeItExpires() {
    // given
    var session = tokens.issue(DEVICE, false);
    clock.advance(CONFIG.accessTokenTtl().minusSeconds(1));

    // when
    var verified = tokens.verifyAccessToken(session.accessToken());

    // then
    assertThat(verified).isEqualTo(Outcome.ok(DEVICE));
  }

  @Test
  void expiredAccessTokenIsRefusedAsExpired() {
    // given
    var session = tokens.issue(DEVICE, false);
    clock.advance(CONFIG.accessTokenTtl());

    // when
    var verified = tokens.verifyAccessToken(session.accessToken());

    // then
    assertThat(refusal(verified)).isEqualTo(ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void tokenSignedByAnotherKeySetIsInvalid() {
    // given
    var otherServer = new TokenService(JwtKeys.generateEphemeral(), new FakeRefreshTokenStore(), CONFIG, clock);
    var foreign = otherServer.issue(DEVICE, false);

    // when
    var verified = tokens.verifyAccessToken(foreign.accessToken());

    // then
    assertThat(refusal(verified)).isEqualTo(ErrorCode.TOKEN_INVALID);
  }

  @Test
  void tokenWithATamperedClaimIsInvalid() {
    // given
    var parts = tokens.issue(DEVICE, false).accessToken().split("\\.");
    var otherClaims = tokens.issue(new DeviceId(new AccountId("someone-else"), 1), false).accessToken().split("\\.")[1];

    // when
    var verified = tokens.verifyAccessToken(parts[0] + "." + otherClaims + "." + parts[2]);

    // then
    assertThat(refusal(verified)).isEqualTo(ErrorCode.TOKEN_INVALID);
  }

  @Test
  void tokenSignedWithHmacIsInvalid() throws Exception {
    // given: a token that claims our key id but uses a shared-secret algorithm
    var claims = new JWTClaimsSet.Builder().issuer("parley").subject(DEVICE.account().value()).claim("dev", 2)
        .expirationTime(new Date(clock.millis() + 60_000)).build();
    var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.signingKeyId()).build(), claims);
    forged.sign(new MACSigner(new byte[32]));

    // when
    var verified = tokens.verifyAccessToken(forged.serialize());

    // then
    assertThat(refusal(verified)).isEqualTo(ErrorCode.TOKEN_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30.", "...."})
  void garbageIsInvalid(String token) {
    assertThat(refusal(tokens.verifyAccessToken(token))).isEqualTo(ErrorCode.TOKEN_INVALID);
  }

  @Test
  void missingTokenIsUnauthenticated() {
    assertThat(refusal(tokens.verifyAccessToken(" "))).isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void refreshTokenIsStoredOnlyAsItsHash() {
    // when
    var session = tokens.issue(DEVICE, false);

    // then
    assertThat(store.find(session.refreshToken())).isEmpty();
    assertThat(store.find(TokenService.sha256(session.refreshToken()))).isPresent();
  }

  @Test
  void refreshIssuesANewPairForTheSameDevice() {
    // given
    var first = tokens.issue(DEVICE, true);
    clock.advance(Duration.ofMinutes(1));

    // when
    var refreshed = success(tokens.refresh(first.refreshToken()));

    // then
    assertThat(refreshed.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(refreshed.newAccount()).isFalse();
    assertThat(tokens.verifyAccessToken(refreshed.accessToken())).isEqualTo(Outcome.ok(DEVICE));
  }

  @Test
  void rotatedRefreshTokenCanBeRefreshedAgain() {
    // given
    var first = tokens.issue(DEVICE, false);
    var second = success(tokens.refresh(first.refreshToken()));

    // when
    var third = tokens.refresh(second.refreshToken());

    // then
    assertThat(third).isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void reusedRefreshTokenIsRefusedAsReused() {
    // given
    var first = tokens.issue(DEVICE, false);
    success(tokens.refresh(first.refreshToken()));

    // when
    var replay = tokens.refresh(first.refreshToken());

    // then
    assertThat(refusal(replay)).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED);
  }

  @Test
  void reuseRevokesTheNewestTokenOfTheFamilyToo() {
    // given
    var first = tokens.issue(DEVICE, false);
    var second = success(tokens.refresh(first.refreshToken()));
    tokens.refresh(first.refreshToken());

    // when
    var afterReuse = tokens.refresh(second.refreshToken());

    // then
    assertThat(refusal(afterReuse)).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
  }

  @Test
  void reuseLeavesOtherSessionsOfTheDeviceAlone() {
    // given
    var stolen = tokens.issue(DEVICE, false);
    var otherSignIn = tokens.issue(DEVICE, false);
    success(tokens.refresh(stolen.refreshToken()));
    tokens.refresh(stolen.refreshToken());

    // when
    var outcome = tokens.refresh(otherSignIn.refreshToken());

    // then
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void unknownRefreshTokenIsInvalid() {
    assertThat(refusal(tokens.refresh("not-a-token"))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
  }

  @Test
  void expiredRefreshTokenIsInvalid() {
    // given
    var session = tokens.issue(DEVICE, false);
    clock.advance(CONFIG.refreshTokenTtl());

    // when
    var outcome = tokens.refresh(session.refreshToken());

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
  }

  @Test
  void logoutRevokesTheWholeFamily() {
    // given
    var first = tokens.issue(DEVICE, false);
    var second = success(tokens.refresh(first.refreshToken()));

    // when
    var loggedOut = tokens.logout(DEVICE, first.refreshToken());

    // then
    assertThat(loggedOut).isTrue();
    assertThat(refusal(tokens.refresh(second.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
  }

  @Test
  void logoutWithAnotherDevicesTokenDoesNothing() {
    // given
    var session = tokens.issue(DEVICE, false);
    var otherDevice = new DeviceId(DEVICE.account(), 3);

    // when
    var loggedOut = tokens.logout(otherDevice, session.refreshToken());

    // then
    assertThat(loggedOut).isFalse();
    assertThat(tokens.refresh(session.refreshToken())).isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void revokeDeviceEndsEverySessionOfTheDevice() {
    // given
    var a = tokens.issue(DEVICE, false);
    var b = tokens.issue(DEVICE, false);

    // when
    tokens.revokeDevice(DEVICE);

    // then
    assertThat(refusal(tokens.refresh(a.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
    assertThat(refusal(tokens.refresh(b.refreshToken()))).isEqualTo(ErrorCode.REFRESH_TOKEN_INVALID);
  }

  private static SessionTokens success(Outcome<SessionTokens> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    return ((Outcome.Ok<SessionTokens>) outcome).value();
  }

  private static ErrorCode refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused<?>) outcome).code();
  }
}
