package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.internal.Transport;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.FrameDecodeException;
import dev.parley.protocol.frame.ServerFrame;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Transport} with no network: the test plays the server. Each opened socket records the
 * frames the client sends and lets the test push frames, close codes and failures back.
 */
final class FakeTransport implements Transport {
  private static final long TIMEOUT_SECONDS = 5;
  private static final FrameCodec CODEC = new FrameCodec();

  private final BlockingQueue<FakeSocket> opened = new LinkedBlockingQueue<>();

  @Override
  public CompletableFuture<Connection> open(URI uri, Listener listener) {
    var socket = new FakeSocket(uri, listener);
    opened.add(socket);
    return CompletableFuture.completedFuture(socket);
  }

  /** The next socket the client opens. */
  FakeSocket awaitSocket() throws InterruptedException {
    var socket = opened.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(socket).as("a socket opened within %d s", TIMEOUT_SECONDS).isNotNull();
    return socket;
  }

  static final class FakeSocket implements Connection {
    final URI uri;
    private final Listener listener;
    private final BlockingQueue<ClientFrame> frames = new LinkedBlockingQueue<>();
    volatile boolean closed;
    volatile int closeCode;

    FakeSocket(URI uri, Listener listener) {
      this.uri = uri;
      this.listener = listener;
    }

    @Override
    public void send(String text) {
      if (closed) {
        return;
      }
      try {
        frames.add(CODEC.decodeClient(text));
      } catch (FrameDecodeException e) {
        throw new AssertionError("client sent an invalid frame: " + text, e);
      }
    }

    @Override
    public void close(int code, String reason) {
      closeCode = code;
      closed = true;
    }

    @Override
    public void abort() {
      closed = true;
    }

    /** The next frame the client sent, skipping keepalive pings. */
    ClientFrame awaitFrame() throws InterruptedException {
      while (true) {
        var frame = frames.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(frame).as("a frame from the client within %d s", TIMEOUT_SECONDS).isNotNull();
        if (!(frame instanceof ClientFrame.Ping)) {
          return frame;
        }
      }
    }

    <T extends ClientFrame> T awaitFrame(Class<T> type) throws InterruptedException {
      var frame = awaitFrame();
      assertThat(frame).isInstanceOf(type);
      return type.cast(frame);
    }

    void serverSends(ServerFrame frame) {
      listener.onText(CODEC.encode(frame));
    }

    void serverCloses(int code) {
      closed = true;
      listener.onClosed(code, "closed by the test");
    }

    void drop() {
      closed = true;
      listener.onFailure(new IOException("connection reset by the test"));
    }
  }
}
