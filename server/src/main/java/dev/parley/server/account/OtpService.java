package dev.parley.server.account;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ServerFrame.ErrorDetails;
import dev.parley.protocol.rest.OtpResponse;
import dev.parley.server.config.AccountConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time codes: six random digits, valid for {@code otp.ttl}, {@code otp.max-attempts} guesses,
 * and at most one new code per {@code otp.resend-interval} per number.
 *
 * <p>Codes are stored as an HMAC keyed with a server secret: a six-digit code's plain SHA-256 could be
 * reversed by trying all million codes, the HMAC cannot without the key.
 */
public final class OtpService {
  private static final Logger log = LoggerFactory.getLogger(OtpService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OtpStore store;
  private final SmsSender sms;
  private final AccountConfig config;
  private final InstantSource clock;
  private final SecretKeySpec hmacKey;

  public OtpService(OtpStore store, SmsSender sms, AccountConfig config, InstantSource clock, byte[] hmacKey) {
    this.store = store;
    this.sms = sms;
    this.config = config;
    this.clock = clock;
    this.hmacKey = new SecretKeySpec(hmacKey, "HmacSHA256");
  }

  /** Sends a new code to {@code rawPhone} unless the number is invalid or asked for one too recently. */
  public Outcome<OtpResponse> request(String rawPhone) {
    var phone = PhoneNumbers.normalize(rawPhone);
    if (phone.isEmpty()) {
      return Outcome.refused(ErrorCode.INVALID_PHONE, "not a valid phone number in international E.164 form: " + quote(rawPhone));
    }
    var e164 = phone.get();
    long now = clock.millis();
    var pending = store.find(e164);
    if (pending.isPresent()) {
      long nextAllowed = pending.get().sentAt() + config.otpResendInterval().toMillis();
      if (now < nextAllowed) {
        long retryAfter = Math.ceilDiv(nextAllowed - now, 1000);
        return Outcome.refused(ErrorCode.OTP_THROTTLED, "a code was sent moments ago; ask again in " + retryAfter + " s",
            new ErrorDetails(null, null, retryAfter));
      }
    }
    var code = "%06d".formatted(RANDOM.nextInt(1_000_000));
    store.save(new OtpStore.PendingCode(e164, hash(e164, code), now + config.otpTtl().toMillis(), 0, now));
    try {
      sms.send(e164, code);
    } catch (SmsSender.SmsException e) {
      log.error("could not send a one-time code to {}: {}", e164, e.getMessage());
      store.delete(e164);
      return Outcome.refused(ErrorCode.UNAVAILABLE, "the code could not be sent; try again later");
    }
    return Outcome.ok(new OtpResponse(e164, config.otpTtl().toSeconds(), config.otpResendInterval().toSeconds()));
  }

  /**
   * Checks a code. A correct code is consumed (it cannot be used twice); a wrong one counts an
   * attempt, and the last allowed wrong attempt discards the code.
   */
  public Outcome<String> verify(String rawPhone, String code) {
    var phone = PhoneNumbers.normalize(rawPhone);
    if (phone.isEmpty()) {
      return Outcome.refused(ErrorCode.INVALID_PHONE, "not a valid phone number in international E.164 form: " + quote(rawPhone));
    }
    var e164 = phone.get();
    var pending = store.find(e164);
    if (pending.isEmpty()) {
      return Outcome.refused(ErrorCode.CODE_EXPIRED, "no code is pending for this number; ask for a new one");
    }
    if (pending.get().attempts() >= config.otpMaxAttempts()) {
      store.delete(e164);
      return Outcome.refused(ErrorCode.TOO_MANY_ATTEMPTS, "too many wrong codes; ask for a new one");
    }
    if (clock.millis() >= pending.get().expiresAt()) {
      store.delete(e164);
      return Outcome.refused(ErrorCode.CODE_EXPIRED, "the code has expired; ask for a new one");
    }
    boolean matches = code != null && code.matches("\\d{6}")
        && MessageDigest.isEqual(hash(e164, code).getBytes(StandardCharsets.US_ASCII),
            pending.get().codeHash().getBytes(StandardCharsets.US_ASCII));
    if (!matches) {
      int attempts = store.recordFailedAttempt(e164);
      int left = config.otpMaxAttempts() - attempts;
      if (left <= 0) {
        return Outcome.refused(ErrorCode.TOO_MANY_ATTEMPTS, "too many wrong codes; ask for a new one");
      }
      return Outcome.refused(ErrorCode.INVALID_CODE, "wrong code; " + left + (left == 1 ? " attempt" : " attempts") + " left");
    }
    store.delete(e164);
    return Outcome.ok(e164);
  }

  private String hash(String phone, String code) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(hmacKey);
      return HexFormat.of().formatHex(mac.doFinal((phone + ":" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static String quote(String raw) {
    return raw == null ? "(none)" : "\"" + (raw.length() > 40 ? raw.substring(0, 40) + "..." : raw) + "\"";
  }
}
