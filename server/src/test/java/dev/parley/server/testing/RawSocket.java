package dev.parley.server.testing;

import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.FrameDecodeException;
import dev.parley.protocol.frame.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket speaking the protocol frame by frame, for tests of the edge itself (bad input,
 * close codes). Frames received are queued; {@link #next} takes them in order.
 */
public final class RawSocket implements AutoCloseable {
  private static final FrameCodec CODEC = new FrameCodec();
  // One client (one selector thread) for every socket: tests open a thousand of them.
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final BlockingQueue<ServerFrame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private RawSocket(URI url) {
    this.socket = HTTP.newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .buildAsync(url, new Listener())
        .join();
  }

  public static RawSocket connect(URI url) {
    return new RawSocket(url);
  }

  public void send(ClientFrame frame) {
    sendText(CODEC.encode(frame));
  }

  public void sendText(String text) {
    socket.sendText(text, true).join();
  }

  /** The next frame, failing if none comes within five seconds. */
  public ServerFrame next() {
    try {
      var frame = frames.poll(5, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within 5 s" + (closed.isDone() ? "; socket closed with " + closed.join() : ""));
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public <T extends ServerFrame> T next(Class<T> type) {
    var frame = next();
    if (!type.isInstance(frame)) {
      throw new AssertionError("expected " + type.getSimpleName() + " but got " + frame);
    }
    return type.cast(frame);
  }

  /** The close code the server sent, waiting up to five seconds. */
  public int awaitClose() {
    try {
      return closed.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the server did not close the socket", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(CODEC.decodeServer(partial.toString()));
        } catch (FrameDecodeException e) {
          throw new AssertionError("server sent an undecodable frame: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
