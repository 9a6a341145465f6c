package dev.parley.client.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the SDK and a WebSocket: text frames in, text frames out. The default is
 * {@link JdkWebSocketTransport}; tests wrap or replace it to drop connections at chosen moments.
 *
 * <p>Contract: the listener's callbacks for one connection come one at a time, in order. After
 * {@link Connection#close} or {@link Connection#abort}, or after a terminal callback
 * ({@link Listener#onClosed} or {@link Listener#onFailure}), the SDK considers the connection gone
 * and ignores anything further from it, so an implementation may report the end twice.
 */
public interface Transport {
  /** Opens a socket; the future fails if it cannot be opened. */
  CompletableFuture<Connection> open(URI uri, Listener listener);

  /** One open socket. */
  interface Connection {
    /** Queues a text frame. Never blocks; a failure to write is reported to the listener. */
    void send(String text);

    /** Starts a clean close with this code. */
    void close(int code, String reason);

    /** Drops the socket at once, without a close handshake. */
    void abort();
  }

  /** What a socket reports. */
  interface Listener {
    void onText(String text);

    /** The peer closed with this code (1006 when the JDK saw no close frame). */
    void onClosed(int code, String reason);

    void onFailure(Throwable error);
  }
}
