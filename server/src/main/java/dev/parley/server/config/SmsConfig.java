package dev.parley.server.config;

/** Where one-time codes go. */
public record SmsConfig(Sender sender, String httpUrl, String httpAccount, String httpToken, String httpFrom) {

  public enum Sender { LOG, HTTP }

  public static final SmsConfig LOG = new SmsConfig(Sender.LOG, "", "", "", "");

  public SmsConfig {
    if (sender == Sender.HTTP) {
      if (!httpUrl.startsWith("http://") && !httpUrl.startsWith("https://")) {
        throw new ConfigException("sms.http.url", "sms.sender=http needs an http(s) URL, got \"" + httpUrl + "\"");
      }
      if (httpAccount.isBlank()) {
        throw new ConfigException("sms.http.account", "sms.sender=http needs the provider account id");
      }
      if (httpFrom.isBlank()) {
        throw new ConfigException("sms.http.from", "sms.sender=http needs a sender number");
      }
    }
  }
}
