package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.parley.client.MemorySessionStore;
import dev.parley.client.ParleyApiException;
import dev.parley.client.ParleyUnreachableException;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.rest.ErrorResponse;
import dev.parley.protocol.rest.Profile;
import dev.parley.protocol.rest.SessionTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** REST error mapping and the retry on token_expired, against a stub HTTP server. */
class RestCallsTest {
  private static final AccountId ME = AccountId.random();

  private final HttpServer server = LocalHttpServer.start();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger refreshes = new AtomicInteger();

  @AfterEach
  void stop() {
    server.stop(0);
    http.shutdownNow();
  }

  @Test
  void expiredAccessTokenIsRefreshedOnceAndTheCallRepeated() {
    // given a server that rejects the first token as expired
    server.createContext("/v1/profile", exchange -> {
      var auth = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(auth);
      if (auth.equals("Bearer old")) {
        LocalHttpServer.reply(exchange, 401, ErrorResponse.of(ErrorCode.TOKEN_EXPIRED, "expired", null));
      } else {
        LocalHttpServer.reply(exchange, 200, new Profile(ME, "Ada", ""));
      }
    });
    var rest = restWithToken("old");

    // when
    Profile profile = rest.authorized("GET", "v1/profile", null, HttpJson.type(Profile.class));

    // then
    assertThat(profile.displayName()).isEqualTo("Ada");
    assertThat(authorizations).containsExactly("Bearer old", "Bearer new");
    assertThat(refreshes).hasValue(1);
  }

  @Test
  void serverErrorBodyBecomesAnApiExceptionWithItsCode() {
    // given
    server.createContext("/v1/profile",
        exchange -> LocalHttpServer.reply(exchange, 404, ErrorResponse.of(ErrorCode.ACCOUNT_NOT_FOUND, "no such account", null)));
    var rest = restWithToken("old");

    // when / then
    assertThatThrownBy(() -> rest.authorized("GET", "v1/profile", null, HttpJson.type(Profile.class)))
        .isInstanceOfSatisfying(ParleyApiException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.ACCOUNT_NOT_FOUND);
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.serverMessage()).isEqualTo("no such account");
        });
  }

  @Test
  void proxyErrorWithoutAParleyBodyMeansUnreachable() {
    // given
    server.createContext("/v1/profile", exchange -> {
      exchange.sendResponseHeaders(502, -1);
      exchange.close();
    });
    var rest = restWithToken("old");

    // when / then
    assertThatThrownBy(() -> rest.authorized("GET", "v1/profile", null, HttpJson.type(Profile.class)))
        .isInstanceOf(ParleyUnreachableException.class);
  }

  @Test
  void refusedConnectionMeansUnreachable() {
    // given a port nobody listens on any more
    var rest = restWithToken("old");
    int port = server.getAddress().getPort();
    server.stop(0);

    // when / then
    assertThatThrownBy(() -> rest.anonymous("GET", "v1/health", null, null))
        .isInstanceOf(ParleyUnreachableException.class)
        .hasMessageContaining(String.valueOf(port));
  }

  private RestCalls restWithToken(String token) {
    var base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    var httpJson = new HttpJson(http, base, Duration.ofSeconds(5));
    var tokens = new SessionTokens(ME, 1, token, Long.MAX_VALUE / 2, "r1", false);
    var session = new Session(new MemorySessionStore(tokens), refreshToken -> {
      refreshes.incrementAndGet();
      return new SessionTokens(ME, 1, "new", Long.MAX_VALUE / 2, "r2", false);
    }, InstantSource.system(), Duration.ofSeconds(60), code -> { });
    return new RestCalls(httpJson, session);
  }
}
