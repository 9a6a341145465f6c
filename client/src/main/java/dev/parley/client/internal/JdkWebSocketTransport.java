package dev.parley.client.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link Transport} over {@link java.net.http.WebSocket}.
 *
 * <p>Two JDK rules shape it: a WebSocket accepts one outstanding send at a time (a second
 * concurrent {@code sendText} fails with IllegalStateException), so sends are chained; and a text
 * message may arrive in parts, so parts are joined until {@code last}. Frames are requested one at
 * a time, which keeps callbacks ordered and lets the SDK's own queue absorb bursts.
 */
public final class JdkWebSocketTransport implements Transport {
  private final HttpClient http;
  private final Duration connectTimeout;

  public JdkWebSocketTransport(HttpClient http, Duration connectTimeout) {
    this.http = http;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public CompletableFuture<Connection> open(URI uri, Listener listener) {
    var adapter = new ListenerAdapter(listener);
    return http.newWebSocketBuilder()
        .connectTimeout(connectTimeout)
        .buildAsync(uri, adapter)
        .thenApply(JdkConnection::new);
  }

  private static final class JdkConnection implements Connection {
    private final WebSocket socket;
    // Guarded by this: the tail of the send chain.
    private CompletableFuture<WebSocket> lastSend;

    JdkConnection(WebSocket socket) {
      this.socket = socket;
      this.lastSend = CompletableFuture.completedFuture(socket);
    }

    @Override
    public synchronized void send(String text) {
      lastSend = lastSend.thenCompose(ws -> ws.sendText(text, true));
      // A failed write leaves the socket unusable; aborting makes the JDK report onError to the listener.
      lastSend.exceptionally(error -> {
        socket.abort();
        return null;
      });
    }

    @Override
    public synchronized void close(int code, String reason) {
      lastSend = lastSend.thenCompose(ws -> ws.sendClose(code, reason));
      // Give the server time to read what came before the close frame (the last acks) and echo it:
      // the JDK then ends the TCP connection gracefully. Aborting at once would reset it, and a reset
      // makes the server's kernel drop data its application has not read yet.
      lastSend.whenComplete((ws, error) -> {
        if (error != null) {
          socket.abort();
        } else {
          CLOSE_GRACE.execute(socket::abort);
        }
      });
    }

    @Override
    public void abort() {
      socket.abort();
    }
  }

  /** How long a closing socket waits for the server's echo before it is reset. */
  private static final java.util.concurrent.Executor CLOSE_GRACE =
      CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS);

  private static final class ListenerAdapter implements WebSocket.Listener {
    private final Listener listener;
    // Only touched from the JDK's callbacks, which run one at a time because we request one frame at a time.
    private final StringBuilder parts = new StringBuilder();

    ListenerAdapter(Listener listener) {
      this.listener = listener;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      parts.append(data);
      if (last) {
        var text = parts.toString();
        parts.setLength(0);
        listener.onText(text);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      listener.onClosed(statusCode, reason);
      // The JDK leaves our side open until we answer; answer and let go.
      webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ws, error) -> webSocket.abort());
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      listener.onFailure(error);
    }
  }
}
