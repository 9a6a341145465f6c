package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.parley.client.internal.LocalHttpServer;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.ErrorResponse;
import dev.parley.protocol.rest.RefreshRequest;
import dev.parley.protocol.rest.SessionTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the socket reacts to authentication failures, with a stub refresh endpoint over real HTTP. */
class ParleyClientSessionTest {
  private static final AccountId ME = AccountId.random();

  private final HttpServer server = LocalHttpServer.start();
  private final FakeTransport transport = new FakeTransport();
  private final RecordingListener listener = new RecordingListener();
  private final List<String> refreshTokensSeen = new CopyOnWriteArrayList<>();
  private final MemorySessionStore store =
      new MemorySessionStore(new SessionTokens(ME, 1, "access-1", Long.MAX_VALUE / 2, "refresh-1", false));
  private ParleyClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    server.stop(0);
  }

  @Test
  void rejectedTokenIsRefreshedAndTheNextSocketUsesTheNewOne() throws Exception {
    // given a refresh endpoint that rotates the tokens
    server.createContext("/v1/sessions/refresh", exchange -> {
      var request = Json.mapper().readValue(exchange.getRequestBody(), RefreshRequest.class);
      refreshTokensSeen.add(request.refreshToken());
      LocalHttpServer.reply(exchange, 200, new SessionTokens(ME, 1, "access-2", Long.MAX_VALUE / 2, "refresh-2", false));
    });
    client = newClient();
    client.connect();
    var socket = transport.awaitSocket();
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Auth("access-1"));

    // when the server refuses the token
    socket.serverCloses(4401);

    // then
    var again = transport.awaitSocket();
    assertThat(again.awaitFrame()).isEqualTo(new ClientFrame.Auth("access-2"));
    again.serverSends(new ServerFrame.Ready(ME, 1, 0));
    listener.awaitState(ConnectionState.CONNECTED);
    assertThat(refreshTokensSeen).containsExactly("refresh-1");
    assertThat(store.load()).get().extracting(SessionTokens::refreshToken).isEqualTo("refresh-2");
  }

  @Test
  void reusedRefreshTokenRevokesTheSessionAndStopsTheClient() throws Exception {
    // given a refresh endpoint that reports the refresh token as already spent
    server.createContext("/v1/sessions/refresh", exchange -> LocalHttpServer.reply(
        exchange, 401, ErrorResponse.of(ErrorCode.REFRESH_TOKEN_REUSED, "refresh token reused", null)));
    client = newClient();
    client.connect();
    var socket = transport.awaitSocket();
    socket.awaitFrame(ClientFrame.Auth.class);

    // when
    socket.serverCloses(4401);

    // then
    assertThat(RecordingListener.await(listener.revoked, "revocation")).isEqualTo(ErrorCode.REFRESH_TOKEN_REUSED);
    listener.awaitState(ConnectionState.IDLE);
    assertThat(store.load()).isEmpty();
    assertThat(client.session()).isEmpty();
  }

  private ParleyClient newClient() {
    return ParleyClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .sessionStore(store)
        .listener(listener)
        .transport(transport)
        .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(10))
        .build();
  }
}
