package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.server.config.SmsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSmsSenderTest {
  private static final String ACCOUNT = "AC123";
  private static final String TOKEN = "s3cret";
  private static final String FROM = "+15005550006";

  private final CopyOnWriteArrayList<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 201;
  private volatile String answer = "{\"sid\":\"SM1\"}";
  private HttpServer provider;
  private HttpClient http;

  record RecordedRequest(String method, String path, String authorization, String contentType, Map<String, String> form) {}

  @BeforeEach
  void startProvider() throws IOException {
    provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    provider.createContext("/", this::record);
    provider.start();
    http = HttpClient.newHttpClient();
  }

  @AfterEach
  void stopProvider() {
    provider.stop(0);
    http.close();
  }

  @Test
  void codeIsPostedAsAFormToTheAccountsMessagesResource() throws Exception {
    // given
    var sender = new HttpSmsSender(config(baseUrl()), http);

    // when
    sender.send("+447911123456", "123456");

    // then
    assertThat(requests).singleElement().satisfies(request -> {
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
      assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
      assertThat(request.form()).containsEntry("To", "+447911123456").containsEntry("From", FROM);
      assertThat(request.form().get("Body")).contains("123456");
    });
  }

  @Test
  void requestCarriesBasicAuthWithAccountAndToken() throws Exception {
    // given
    var sender = new HttpSmsSender(config(baseUrl()), http);

    // when
    sender.send("+447911123456", "123456");

    // then
    var expected = "Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    assertThat(requests.getFirst().authorization()).isEqualTo(expected);
  }

  @Test
  void trailingSlashOfTheBaseUrlIsIgnored() throws Exception {
    // given
    var sender = new HttpSmsSender(config(baseUrl() + "/"), http);

    // when
    sender.send("+447911123456", "123456");

    // then
    assertThat(requests.getFirst().path()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
  }

  @Test
  void nonSuccessAnswerIsAnSmsExceptionWithTheStatus() {
    // given
    status = 401;
    answer = "{\"message\":\"Authenticate\"}";
    var sender = new HttpSmsSender(config(baseUrl()), http);

    // then
    assertThatExceptionOfType(SmsSender.SmsException.class)
        .isThrownBy(() -> sender.send("+447911123456", "123456"))
        .withMessageContaining("401")
        .withMessageContaining("Authenticate");
  }

  @Test
  void unreachableProviderIsAnSmsException() {
    // given
    provider.stop(0);
    var sender = new HttpSmsSender(config(baseUrl()), http);

    // then
    assertThatExceptionOfType(SmsSender.SmsException.class)
        .isThrownBy(() -> sender.send("+447911123456", "123456"))
        .withMessageContaining("unreachable");
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + provider.getAddress().getPort() + "/2010-04-01";
  }

  private static SmsConfig config(String url) {
    return new SmsConfig(SmsConfig.Sender.HTTP, url, ACCOUNT, TOKEN, FROM);
  }

  private void record(HttpExchange exchange) throws IOException {
    try (exchange) {
      var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var form = new LinkedHashMap<String, String>();
      for (var pair : body.split("&")) {
        var parts = pair.split("=", 2);
        form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
      requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), form));
      var bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }
}
