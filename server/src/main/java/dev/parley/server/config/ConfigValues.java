package dev.parley.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Raw string values by key, with typed accessors whose errors name the key. */
public final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final Map<String, String> values;

  ConfigValues(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public String string(String key) {
    var value = values.get(key);
    if (value != null) {
      return value;
    }
    var known = ConfigKey.named(key);
    if (known == null) {
      throw new IllegalArgumentException("no such configuration key: " + key);
    }
    return known.defaultValue();
  }

  public int integer(String key, int min, int max) {
    var raw = string(key).trim();
    try {
      var value = Integer.parseInt(raw);
      if (value < min || value > max) {
        throw new ConfigException(key, raw + " is out of range " + min + ".." + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "\"" + raw + "\" is not a whole number");
    }
  }

  public Duration duration(String key) {
    var raw = string(key).trim().toLowerCase(Locale.ROOT);
    var matcher = DURATION.matcher(raw);
    if (matcher.matches()) {
      var amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(raw.toUpperCase(Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      throw new ConfigException(key, "\"" + raw + "\" is not a duration (use 500ms, 30s, 5m, 2h, 7d or ISO-8601)");
    }
  }

  public String oneOf(String key, Set<String> allowed) {
    var value = string(key).trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(value)) {
      throw new ConfigException(key, "\"" + value + "\" is not one of " + allowed);
    }
    return value;
  }

  public Path path(String key) {
    var value = string(key).trim();
    if (value.isEmpty()) {
      throw new ConfigException(key, "must not be empty");
    }
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new ConfigException(key, "\"" + value + "\" is not a path");
    }
  }
}
