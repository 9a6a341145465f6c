package dev.parley.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Set;
import java.util.Map;

/**
 * Merges the three configuration sources into {@link ConfigValues}. Later sources win: defaults, then
 * the YAML file, then {@code PARLEY_*} environment variables, then command-line options. A key that
 * no source knows stops start-up rather than being silently ignored (a typo would otherwise leave a
 * default in place that the operator believes changed).
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /**
   * {@code PARLEY_*} variables that are not server keys but belong to the launcher, the terminal
   * client or the tests (plus any {@code PARLEY_TEST_*}): a shell set up for the CLI must still start
   * the server.
   */
  private static final Set<String> OTHER_VARIABLES =
      Set.of("PARLEY_CONFIG", "PARLEY_JAVA_HOME", "PARLEY_JAVA_OPTS", "PARLEY_HOME", "PARLEY_SERVER");

  private ConfigLoader() {}

  public static ConfigValues load(Path yamlFile, Map<String, String> environment, Map<String, String> options) {
    var values = new HashMap<String, String>();
    if (yamlFile != null) {
      values.putAll(readYaml(yamlFile));
    }
    for (var key : ConfigKey.ALL) {
      var fromEnv = environment.get(key.environmentVariable());
      if (fromEnv != null) {
        values.put(key.name(), fromEnv);
      }
    }
    for (var entry : environment.entrySet()) {
      var name = entry.getKey();
      if (name.startsWith("PARLEY_") && !isKnownVariable(name) && !OTHER_VARIABLES.contains(name)
          && !name.startsWith("PARLEY_TEST_")) {
        throw new ConfigException(name, "unknown environment variable (see --help for the keys)");
      }
    }
    for (var entry : options.entrySet()) {
      requireKnown(entry.getKey());
      values.put(entry.getKey(), entry.getValue());
    }
    return new ConfigValues(values);
  }

  private static boolean isKnownVariable(String variable) {
    return ConfigKey.ALL.stream().anyMatch(key -> key.environmentVariable().equals(variable));
  }

  private static void requireKnown(String key) {
    if (ConfigKey.named(key) == null) {
      throw new ConfigException(key, "unknown key (see --help for the keys)");
    }
  }

  private static Map<String, String> readYaml(Path file) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config", "cannot read " + file.toAbsolutePath());
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("config", file + " is not valid YAML: " + e.getMessage());
    }
    var flat = new HashMap<String, String>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("config", file + " must hold a mapping of keys to values");
      }
      flatten("", root, flat);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var field = it.next();
      var key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      var value = field.getValue();
      // "store: postgres" and "store: {url: ...}" may both appear; the scalar is the key itself.
      if (value.isObject()) {
        flatten(key, value, into);
      } else if (value.isArray()) {
        throw new ConfigException(key, "lists are not supported here");
      } else {
        requireKnown(key);
        into.put(key, value.isNull() ? "" : value.asText());
      }
    }
  }
}
