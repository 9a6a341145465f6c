package dev.parley.server.config;

import java.time.Duration;

/** Sign-up codes and session tokens. */
public record AccountConfig(
    Duration otpTtl, int otpMaxAttempts, Duration otpResendInterval, Duration accessTokenTtl, Duration refreshTokenTtl) {

  public static final AccountConfig DEFAULTS =
      new AccountConfig(Duration.ofMinutes(5), 5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofDays(60));

  public AccountConfig {
    if (!otpTtl.isPositive()) {
      throw new ConfigException("otp.ttl", "must be positive");
    }
    if (otpResendInterval.isNegative()) {
      throw new ConfigException("otp.resend-interval", "must not be negative");
    }
    if (accessTokenTtl.compareTo(Duration.ofSeconds(10)) < 0) {
      throw new ConfigException("auth.access-token-ttl", "must be at least 10s");
    }
    if (refreshTokenTtl.compareTo(accessTokenTtl) <= 0) {
      throw new ConfigException("auth.refresh-token-ttl", "must be longer than auth.access-token-ttl");
    }
  }
}
