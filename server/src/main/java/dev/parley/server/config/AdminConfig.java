package dev.parley.server.config;

/**
 * The admin provisioning API ({@code POST /v1/admin/accounts}, used by the load generator): enabled
 * only when {@code admin.token} is set. An empty token disables it, and the endpoint answers 404 as if
 * it did not exist.
 */
public record AdminConfig(String token) {
  /** Short tokens can be guessed; 16 characters of a random string are far out of reach. */
  public static final int MIN_TOKEN_LENGTH = 16;

  public static final AdminConfig DISABLED = new AdminConfig("");

  public AdminConfig {
    token = token == null ? "" : token.strip();
    if (!token.isEmpty() && token.length() < MIN_TOKEN_LENGTH) {
      throw new ConfigException("admin.token", "must be at least " + MIN_TOKEN_LENGTH + " characters (or empty to disable)");
    }
  }

  public boolean isEnabled() {
    return !token.isEmpty();
  }

  @Override
  public String toString() {
    return "AdminConfig[" + (isEnabled() ? "enabled" : "disabled") + "]";
  }
}
