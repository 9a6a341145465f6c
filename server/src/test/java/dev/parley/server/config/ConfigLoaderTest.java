package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void withNoSourcesEveryKeyHasItsDefault() {
    // when
    var values = ConfigLoader.load(null, Map.of(), Map.of());

    // then
    for (var key : ConfigKey.ALL) {
      assertThat(values.string(key.name())).as(key.name()).isEqualTo(key.defaultValue());
    }
  }

  @Test
  void yamlOverridesDefaults() throws IOException {
    // given
    var yaml = yaml("port: 9000\n");

    // when
    var values = ConfigLoader.load(yaml, Map.of(), Map.of());

    // then
    assertThat(values.string("port")).isEqualTo("9000");
    assertThat(values.string("host")).isEqualTo("0.0.0.0");
  }

  @Test
  void yamlAcceptsNestedKeys() throws IOException {
    // given
    var yaml = yaml("""
        store:
          pool-size: 4
          sqlite-sync: normal
        sms:
          sender: http
          http:
            url: https://sms.example
        """);

    // when
    var values = ConfigLoader.load(yaml, Map.of(), Map.of());

    // then
    assertThat(values.string("store.pool-size")).isEqualTo("4");
    assertThat(values.string("store.sqlite-sync")).isEqualTo("normal");
    assertThat(values.string("sms.sender")).isEqualTo("http");
    assertThat(values.string("sms.http.url")).isEqualTo("https://sms.example");
  }

  @Test
  void yamlAcceptsDottedKeys() throws IOException {
    // given
    var yaml = yaml("""
        store.pool-size: 4
        sms.http.url: https://sms.example
        """);

    // when
    var values = ConfigLoader.load(yaml, Map.of(), Map.of());

    // then
    assertThat(values.string("store.pool-size")).isEqualTo("4");
    assertThat(values.string("sms.http.url")).isEqualTo("https://sms.example");
  }

  @Test
  void yamlAcceptsNestedAndDottedKeysInOneFile() throws IOException {
    // given
    var yaml = yaml("""
        store:
          pool-size: 4
        otp.ttl: 2m
        otp:
          max-attempts: 3
        """);

    // when
    var values = ConfigLoader.load(yaml, Map.of(), Map.of());

    // then
    assertThat(values.string("store.pool-size")).isEqualTo("4");
    assertThat(values.string("otp.ttl")).isEqualTo("2m");
    assertThat(values.string("otp.max-attempts")).isEqualTo("3");
  }

  @Test
  void environmentOverridesYaml() throws IOException {
    // given
    var yaml = yaml("store:\n  pool-size: 4\nport: 9000\n");

    // when
    var values = ConfigLoader.load(yaml, Map.of("PARLEY_STORE_POOL_SIZE", "6"), Map.of());

    // then
    assertThat(values.string("store.pool-size")).isEqualTo("6");
    assertThat(values.string("port")).isEqualTo("9000");
  }

  @Test
  void optionsOverrideEnvironmentAndYaml() throws IOException {
    // given
    var yaml = yaml("port: 9000\nhost: 10.0.0.1\n");
    var environment = Map.of("PARLEY_PORT", "9001", "PARLEY_MESSAGING_WINDOW", "64");

    // when
    var values = ConfigLoader.load(yaml, environment, Map.of("port", "9002"));

    // then
    assertThat(values.string("port")).isEqualTo("9002");
    assertThat(values.string("messaging.window")).isEqualTo("64");
    assertThat(values.string("host")).isEqualTo("10.0.0.1");
  }

  @Test
  void everyKeyIsReadFromItsEnvironmentVariable() {
    for (var key : ConfigKey.ALL) {
      // when
      var values = ConfigLoader.load(null, Map.of(key.environmentVariable(), "from-env"), Map.of());

      // then
      assertThat(values.string(key.name())).as(key.environmentVariable()).isEqualTo("from-env");
    }
  }

  @Test
  void environmentVariableNameReplacesDotsAndDashes() {
    assertThat(ConfigKey.named("auth.access-token-ttl").environmentVariable()).isEqualTo("PARLEY_AUTH_ACCESS_TOKEN_TTL");
  }

  @Test
  void unknownYamlKeyIsRefusedNamingTheKey() throws IOException {
    // given
    var yaml = yaml("store:\n  pool-sise: 4\n");

    // then
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("store.pool-sise"))
        .withMessageContaining("store.pool-sise");
  }

  @Test
  void unknownDottedYamlKeyIsRefusedNamingTheKey() throws IOException {
    // given
    var yaml = yaml("otp.tll: 5m\n");

    // then
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("otp.tll"));
  }

  @Test
  void yamlListIsRefusedNamingTheKey() throws IOException {
    // given
    var yaml = yaml("host:\n  - 127.0.0.1\n  - ::1\n");

    // then
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("host"));
  }

  @Test
  void unknownParleyEnvironmentVariableIsRefusedNamingIt() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(null, Map.of("PARLEY_PROT", "9000"), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("PARLEY_PROT"))
        .withMessageContaining("PARLEY_PROT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PARLEY_CONFIG", "PARLEY_JAVA_HOME", "PARLEY_JAVA_OPTS", "PARLEY_HOME", "PARLEY_SERVER",
      "PARLEY_TEST_POSTGRES_URL"})
  void launcherVariablesAreNotConfigurationKeys(String variable) {
    // when
    var values = ConfigLoader.load(null, Map.of(variable, "x"), Map.of());

    // then
    assertThat(values.string("port")).isEqualTo("8080");
  }

  @Test
  void environmentVariablesOfOtherProgramsAreIgnored() {
    // when
    var values = ConfigLoader.load(null, Map.of("PORT", "1", "HOME", "/root"), Map.of());

    // then
    assertThat(values.string("port")).isEqualTo("8080");
  }

  @Test
  void unknownOptionIsRefusedNamingIt() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("prot", "9000")))
        .satisfies(e -> assertThat(e.key()).isEqualTo("prot"))
        .withMessageContaining("prot");
  }

  @Test
  void unreadableYamlFileIsRefused() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of(), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("config"))
        .withMessageContaining("missing.yaml");
  }

  @Test
  void yamlThatIsNotAMappingIsRefused() throws IOException {
    // given
    var yaml = yaml("- port\n- host\n");

    // then
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ConfigLoader.load(yaml, Map.of(), Map.of()))
        .satisfies(e -> assertThat(e.key()).isEqualTo("config"));
  }

  @Test
  void emptyYamlFileChangesNothing() throws IOException {
    // given
    var yaml = yaml("");

    // when
    var values = ConfigLoader.load(yaml, Map.of(), Map.of());

    // then
    assertThat(values.string("port")).isEqualTo("8080");
  }

  @Test
  void durationsAcceptShortFormsAndIso8601() {
    // given
    var values = ConfigLoader.load(null, Map.of(), Map.of(
        "otp.ttl", "500ms", "otp.resend-interval", "30s", "ws.heartbeat-interval", "5m",
        "ws.idle-timeout", "2h", "auth.refresh-token-ttl", "7d", "ws.auth-timeout", "PT1M30S"));

    // then
    assertThat(values.duration("otp.ttl")).isEqualTo(Duration.ofMillis(500));
    assertThat(values.duration("otp.resend-interval")).isEqualTo(Duration.ofSeconds(30));
    assertThat(values.duration("ws.heartbeat-interval")).isEqualTo(Duration.ofMinutes(5));
    assertThat(values.duration("ws.idle-timeout")).isEqualTo(Duration.ofHours(2));
    assertThat(values.duration("auth.refresh-token-ttl")).isEqualTo(Duration.ofDays(7));
    assertThat(values.duration("ws.auth-timeout")).isEqualTo(Duration.ofSeconds(90));
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("parley.yaml"), text);
  }
}
