package dev.parley.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParleyConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsBuildTheEmbeddedConfiguration() {
    // when
    var config = ParleyConfig.from(ConfigLoader.load(null, Map.of(), Map.of()));

    // then
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.edge().port()).isEqualTo(8080);
    assertThat(config.edge().transport()).isEqualTo(EdgeConfig.Transport.AUTO);
    assertThat(config.store().kind()).isEqualTo(StoreConfig.Kind.SQLITE);
    assertThat(config.store().sqliteFullSync()).isTrue();
    assertThat(config.accounts()).isEqualTo(AccountConfig.DEFAULTS);
    assertThat(config.sms()).isEqualTo(SmsConfig.LOG);
    assertThat(config.messaging()).isEqualTo(MessagingConfig.DEFAULTS);
  }

  @Test
  void valuesFromEverySourceReachTheirRecords() throws IOException {
    // given
    var yaml = Files.writeString(dir.resolve("parley.yaml"), """
        store:
          pool-size: 3
        sms:
          sender: http
          http:
            url: https://sms.example/2010-04-01
            account: AC1
            token: secret
            from: "+15550001111"
        """);
    var environment = Map.of("PARLEY_OTP_TTL", "2m", "PARLEY_STORE_SQLITE_SYNC", "NORMAL");
    var options = Map.of("port", "0", "messaging.window", "16", "data", dir.toString(), "edge.transport", "epoll");

    // when
    var config = ParleyConfig.from(ConfigLoader.load(yaml, environment, options));

    // then
    assertThat(config.dataDir()).isEqualTo(dir);
    assertThat(config.store().dataDir()).isEqualTo(dir);
    assertThat(config.edge().port()).isZero();
    assertThat(config.edge().transport()).isEqualTo(EdgeConfig.Transport.EPOLL);
    assertThat(config.store().poolSize()).isEqualTo(3);
    assertThat(config.store().sqliteFullSync()).isFalse();
    assertThat(config.accounts().otpTtl()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.sms().sender()).isEqualTo(SmsConfig.Sender.HTTP);
    assertThat(config.sms().httpFrom()).isEqualTo("+15550001111");
    assertThat(config.messaging().window()).isEqualTo(16);
  }

  @Test
  void postgresWithAJdbcUrlIsAccepted() {
    // when
    var config = build(Map.of("store", "postgres", "store.url", "jdbc:postgresql://db:5432/parley", "store.schema", "parley"));

    // then
    assertThat(config.store().kind()).isEqualTo(StoreConfig.Kind.POSTGRES);
    assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db:5432/parley");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of(Map.of("port", "70000"), "port"),
        Arguments.of(Map.of("port", "-1"), "port"),
        Arguments.of(Map.of("port", "eighty"), "port"),
        Arguments.of(Map.of("edge.transport", "kqueue"), "edge.transport"),
        Arguments.of(Map.of("otp.ttl", "5 parsecs"), "otp.ttl"),
        Arguments.of(Map.of("ws.heartbeat-interval", "soon"), "ws.heartbeat-interval"),
        Arguments.of(Map.of("store", "mysql"), "store"),
        Arguments.of(Map.of("store", "postgres"), "store.url"),
        Arguments.of(Map.of("store", "postgres", "store.url", "jdbc:mysql://db/parley"), "store.url"),
        Arguments.of(Map.of("store.schema", "Robert'); DROP TABLE"), "store.schema"),
        Arguments.of(Map.of("store.pool-size", "0"), "store.pool-size"),
        Arguments.of(Map.of("store.sqlite-sync", "off"), "store.sqlite-sync"),
        Arguments.of(Map.of("sms.sender", "carrier-pigeon"), "sms.sender"),
        Arguments.of(Map.of("sms.sender", "http"), "sms.http.url"),
        Arguments.of(Map.of("sms.sender", "http", "sms.http.url", "https://sms.example", "sms.http.from", "+1555"),
            "sms.http.account"),
        Arguments.of(Map.of("sms.sender", "http", "sms.http.url", "https://sms.example", "sms.http.account", "AC1"),
            "sms.http.from"),
        Arguments.of(Map.of("otp.max-attempts", "0"), "otp.max-attempts"),
        Arguments.of(Map.of("auth.access-token-ttl", "5s"), "auth.access-token-ttl"),
        Arguments.of(Map.of("auth.refresh-token-ttl", "10m"), "auth.refresh-token-ttl"),
        Arguments.of(Map.of("ws.idle-timeout", "10s"), "ws.idle-timeout"),
        Arguments.of(Map.of("ws.max-frame-bytes", "1024"), "ws.max-frame-bytes"),
        Arguments.of(Map.of("messaging.window", "0"), "messaging.window"),
        Arguments.of(Map.of("data", " "), "data"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("badValues")
  void badValueIsRefusedNamingItsKey(Map<String, String> options, String key) {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> build(options))
        .satisfies(e -> assertThat(e.key()).isEqualTo(key))
        .withMessageContaining(key);
  }

  @Test
  void badValueFromTheEnvironmentIsRefusedNamingTheKey() {
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> ParleyConfig.from(ConfigLoader.load(null, Map.of("PARLEY_PORT", "70000"), Map.of())))
        .satisfies(e -> assertThat(e.key()).isEqualTo("port"));
  }

  private ParleyConfig build(Map<String, String> options) {
    var withData = new HashMap<>(options);
    withData.putIfAbsent("data", dir.toString());
    return ParleyConfig.from(ConfigLoader.load(null, Map.of(), withData));
  }
}
