package dev.parley.server.account;

import dev.parley.server.account.sql.SqlAccountStore;
import dev.parley.server.account.sql.SqlOtpStore;
import dev.parley.server.account.sql.SqlRefreshTokenStore;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;

/** Builds the account capability: stores, SMS sender, keys, OTP and token services. */
public final class AccountModule {
  private AccountModule() {}

  public static AccountService create(ParleyConfig config, Database db, GroupCommitter committer, DeviceListener listener,
      InstantSource clock) {
    var otpKey = Base64.getDecoder().decode(SecretFile.readOrCreate(config.dataDir().resolve("otp-key"), () -> {
      var bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    }));
    var otp = new OtpService(new SqlOtpStore(db), smsSender(config), config.accounts(), clock, otpKey);
    var tokens = new TokenService(JwtKeys.loadOrCreate(config.dataDir()), new SqlRefreshTokenStore(db), config.accounts(), clock);
    return new AccountService(new SqlAccountStore(db, committer), otp, tokens, listener, clock);
  }

  private static SmsSender smsSender(ParleyConfig config) {
    return switch (config.sms().sender()) {
      case LOG -> new LogSmsSender(config.dataDir());
      case HTTP -> new HttpSmsSender(config.sms(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    };
  }

}
