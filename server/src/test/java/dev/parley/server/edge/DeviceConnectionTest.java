package dev.parley.server.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ParleyConfig;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class DeviceConnectionTest {
  private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

  @Test
  void aSocketThatSentNothingMissesTheAuthDeadline() {
    // given
    var connection = new DeviceConnection(new NettyWebSocket(new EmbeddedChannel()), null, new SerialExecutor(_ -> { }), 0);

    // when
    boolean missed = connection.missedAuthDeadline(AUTH_TIMEOUT.toMillis() + 1, AUTH_TIMEOUT);

    // then
    assertThat(missed).isTrue();
  }

  @Test
  void aSocketWhoseTokenIsStillBeingCheckedHasNotMissedTheAuthDeadline() {
    // Issue 6: in a burst of connects on a busy server, sockets whose upgrade carried a token waited
    // longer than ws.auth-timeout for its check, and the heartbeat closed them with 4408.
    // given: tasks handed to the serial executor never run, so the check is still pending
    var connection = new DeviceConnection(new NettyWebSocket(new EmbeddedChannel()), null, new SerialExecutor(_ -> { }), 0);
    connection.authenticateWith("a-token-whose-check-is-queued");

    // when
    boolean missed = connection.missedAuthDeadline(60_000, AUTH_TIMEOUT);

    // then
    assertThat(missed).isFalse();
  }

  @Test
  void aSocketWhoseAuthenticationFailsIsClosedSoTheClientConnectsAgain() {
    // Issue 6: an exception while checking the upgrade's token left the socket's serial executor
    // marked running: the socket stayed open, unauthenticated and silent, and its client waited forever.
    // given
    var channel = new EmbeddedChannel();
    channel.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());
    var socket = new NettyWebSocket(channel);
    socket.start(channel.pipeline().context("handler"), new NoListener(), 1024);
    var endpoint = new WebSocketEndpoint(ParleyConfig.embedded(Path.of("unused"), 0).edge(), token -> {
      throw new IllegalStateException("no database connection within the pool's timeout");
    }, null, null, new SocketRegistry(), _ -> { }, 128, Runnable::run, InstantSource.system());
    var connection = new DeviceConnection(socket, endpoint, new SerialExecutor(Runnable::run), 0);

    // when
    connection.authenticateWith("a-token");

    // then
    TextWebSocketFrame error = channel.readOutbound();
    assertThat(error.text()).contains("\"internal\"");
    error.release();
    CloseWebSocketFrame close = channel.readOutbound();
    assertThat(close.statusCode()).isEqualTo(CloseCodes.INTERNAL_ERROR);
    close.release();
  }

  private static final class NoListener implements NettyWebSocket.Listener {
    @Override
    public void onText(String text) {}

    @Override
    public void onBinary() {}

    @Override
    public void onPong() {}

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onClosed() {}
  }
}
