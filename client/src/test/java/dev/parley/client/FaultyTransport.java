package dev.parley.client;

import dev.parley.client.internal.Transport;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real {@link Transport} and drops the connection right after a {@code send} frame went
 * out, before the server's {@code sent} can arrive: the case that idempotent retries exist for.
 * Arm it with {@link #dropAfterNextSends(int)}; for end-to-end tests against a real server.
 */
final class FaultyTransport implements Transport {
  private final Transport delegate;
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();

  FaultyTransport(Transport delegate) {
    this.delegate = delegate;
  }

  /** The next {@code count} send frames each kill their socket just after being written. */
  void dropAfterNextSends(int count) {
    dropsLeft.set(count);
  }

  /** How many sockets this transport has killed. */
  int drops() {
    return drops.get();
  }

  @Override
  public CompletableFuture<Connection> open(URI uri, Listener listener) {
    return delegate.open(uri, listener).thenApply(connection -> new Connection() {
      @Override
      public void send(String text) {
        connection.send(text);
        // Matching the text keeps this wrapper independent of the SDK's internals.
        if (text.contains("\"type\":\"send\"") && dropsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          drops.incrementAndGet();
          connection.abort();
          listener.onFailure(new IOException("dropped by FaultyTransport after a send frame"));
        }
      }

      @Override
      public void close(int code, String reason) {
        connection.close(code, reason);
      }

      @Override
      public void abort() {
        connection.abort();
      }
    });
  }
}
