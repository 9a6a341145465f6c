package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.OtpResponse;
import dev.parley.server.config.AccountConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtpServiceTest {
  private static final String PHONE = "+447911123456";
  private static final AccountConfig CONFIG =
      new AccountConfig(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofDays(60));

  private final FakeOtpStore store = new FakeOtpStore();
  private final RecordingSmsSender sms = new RecordingSmsSender();
  private final FakeClock clock = new FakeClock();
  private final OtpService otp = new OtpService(store, sms, CONFIG, clock, "test-hmac-key".getBytes(StandardCharsets.UTF_8));

  @Test
  void requestSendsASixDigitCodeToTheNormalizedNumber() {
    // when
    var outcome = otp.request("+44 7911 123456");

    // then
    assertThat(outcome).isEqualTo(Outcome.ok(new OtpResponse(PHONE, 300, 30)));
    assertThat(sms.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.phone()).isEqualTo(PHONE);
      assertThat(sent.code()).matches("\\d{6}");
    });
  }

  @Test
  void codeIsStoredAsAKeyedHashNotAsTheCode() throws Exception {
    // given
    otp.request(PHONE);
    var code = sms.lastCode();

    // when
    var pending = store.find(PHONE).orElseThrow();

    // then
    var plainSha256 = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest((PHONE + ":" + code).getBytes(StandardCharsets.UTF_8)));
    assertThat(pending.codeHash()).matches("[0-9a-f]{64}").isNotEqualTo(plainSha256).doesNotContain(code);
    assertThat(pending.attempts()).isZero();
  }

  @Test
  void invalidPhoneIsRefusedAndNothingIsSent() {
    // when
    var outcome = otp.request("07911 123456");

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.INVALID_PHONE);
    assertThat(sms.sent()).isEmpty();
  }

  @Test
  void correctCodeVerifiesToTheNormalizedNumber() {
    // given
    otp.request(PHONE);

    // when
    var outcome = otp.verify("+44 7911 123456", sms.lastCode());

    // then
    assertThat(outcome).isEqualTo(Outcome.ok(PHONE));
  }

  @Test
  void correctCodeIsSingleUse() {
    // given
    otp.request(PHONE);
    var code = sms.lastCode();
    otp.verify(PHONE, code);

    // when
    var second = otp.verify(PHONE, code);

    // then
    assertThat(refusal(second)).isEqualTo(ErrorCode.CODE_EXPIRED);
  }

  @Test
  void codeIsValidJustBeforeItsTtl() {
    // given
    otp.request(PHONE);
    clock.advance(CONFIG.otpTtl().minusMillis(1));

    // when
    var outcome = otp.verify(PHONE, sms.lastCode());

    // then
    assertThat(outcome).isEqualTo(Outcome.ok(PHONE));
  }

  @Test
  void codeExpiresAfterItsTtl() {
    // given
    otp.request(PHONE);
    clock.advance(CONFIG.otpTtl());

    // when
    var outcome = otp.verify(PHONE, sms.lastCode());

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.CODE_EXPIRED);
    assertThat(store.find(PHONE)).isEmpty();
  }

  @Test
  void verifyWithoutARequestIsRefusedAsExpired() {
    assertThat(refusal(otp.verify(PHONE, "123456"))).isEqualTo(ErrorCode.CODE_EXPIRED);
  }

  @Test
  void wrongCodeIsRefusedAndCountsAnAttempt() {
    // given
    otp.request(PHONE);

    // when
    var outcome = otp.verify(PHONE, wrongCode());

    // then
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
      assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CODE);
      assertThat(refused.message()).contains("4 attempts left");
    });
    assertThat(store.find(PHONE).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void fifthAndSixthWrongCodesAreTooManyAttempts() {
    // given
    otp.request(PHONE);
    var wrong = wrongCode();

    // when
    var outcomes = new java.util.ArrayList<ErrorCode>();
    for (int i = 0; i < 6; i++) {
      outcomes.add(refusal(otp.verify(PHONE, wrong)));
    }

    // then
    assertThat(outcomes).containsExactly(
        ErrorCode.INVALID_CODE, ErrorCode.INVALID_CODE, ErrorCode.INVALID_CODE, ErrorCode.INVALID_CODE,
        ErrorCode.TOO_MANY_ATTEMPTS, ErrorCode.TOO_MANY_ATTEMPTS);
  }

  @Test
  void sixthAttemptIsRefusedEvenIfCorrect() {
    // given
    otp.request(PHONE);
    var wrong = wrongCode();
    for (int i = 0; i < CONFIG.otpMaxAttempts(); i++) {
      otp.verify(PHONE, wrong);
    }

    // when
    var outcome = otp.verify(PHONE, sms.lastCode());

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.TOO_MANY_ATTEMPTS);
    assertThat(store.find(PHONE)).isEmpty();
  }

  @Test
  void rightCodeIsRefusedAfterSixWrongCodes() {
    // given
    otp.request(PHONE);
    var wrong = wrongCode();
    for (int i = 0; i < 6; i++) {
      otp.verify(PHONE, wrong);
    }

    // when
    var outcome = otp.verify(PHONE, sms.lastCode());

    // then
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
  }

  @Test
  void codeThatIsNotSixDigitsIsAWrongAttempt() {
    // given
    otp.request(PHONE);

    // when
    var outcome = otp.verify(PHONE, sms.lastCode() + "0");

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.INVALID_CODE);
    assertThat(store.find(PHONE).orElseThrow().attempts()).isEqualTo(1);
  }

  @Test
  void secondRequestWithinTheResendIntervalIsThrottledWithRetryAfter() {
    // given
    otp.request(PHONE);
    clock.advance(Duration.ofMillis(10_500));

    // when
    var outcome = otp.request(PHONE);

    // then
    assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
      assertThat(refused.code()).isEqualTo(ErrorCode.OTP_THROTTLED);
      assertThat(refused.details().retryAfterSeconds()).isEqualTo(20L); // 19.5 s, rounded up
    });
    assertThat(sms.sent()).hasSize(1);
  }

  @Test
  void requestAfterTheResendIntervalSendsANewCodeThatReplacesTheOld() {
    // given
    otp.request(PHONE);
    otp.verify(PHONE, wrongCode());
    clock.advance(CONFIG.otpResendInterval());

    // when
    var outcome = otp.request(PHONE);

    // then
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    assertThat(sms.sent()).hasSize(2);
    assertThat(store.find(PHONE).orElseThrow().attempts()).isZero();
    assertThat(otp.verify(PHONE, sms.lastCode())).isEqualTo(Outcome.ok(PHONE));
  }

  @Test
  void failingSmsSenderIsUnavailableAndLeavesNoPendingCode() {
    // given
    sms.failNext();

    // when
    var outcome = otp.request(PHONE);

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(store.find(PHONE)).isEmpty();
  }

  @Test
  void failedSendDoesNotThrottleTheNextRequest() {
    // given
    sms.failNext();
    otp.request(PHONE);

    // when
    var outcome = otp.request(PHONE);

    // then
    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    assertThat(sms.sent()).hasSize(1);
  }

  @Test
  void codesForAnotherServerKeyDoNotVerify() {
    // given
    otp.request(PHONE);
    var otherKey = new OtpService(store, sms, CONFIG, clock, "another-key".getBytes(StandardCharsets.UTF_8));

    // when
    var outcome = otherKey.verify(PHONE, sms.lastCode());

    // then
    assertThat(refusal(outcome)).isEqualTo(ErrorCode.INVALID_CODE);
  }

  private String wrongCode() {
    var code = Integer.parseInt(sms.lastCode());
    return "%06d".formatted((code + 1) % 1_000_000);
  }

  private static ErrorCode refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Refused.class);
    return ((Outcome.Refused<?>) outcome).code();
  }
}
