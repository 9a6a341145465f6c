package dev.parley.bench;

import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.config.EdgeConfig;
import dev.parley.server.edge.SocketTransports;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.internal.VertxInternal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many bench sockets on a few event loops. {@link #connectAll} opens them with a bounded number of
 * handshakes in flight (a burst of thousands of SYNs overflows the server's accept backlog) and
 * returns once every socket has had its {@code caught-up}.
 */
final class Fleet implements AutoCloseable {
  private static final int HANDSHAKES_IN_FLIGHT = 128;

  private final Vertx vertx;
  private final WebSocketClient client;
  // One context per event loop: a socket is bound to the loop of the context it is opened from, and
  // from the main thread Vert.x would give every socket the same (sticky) context, so one loop.
  private final List<Context> loops = new ArrayList<>();

  Fleet(int eventLoops) {
    // The server's own choice of socket I/O (edge.transport auto): on epoll the load generator spent
    // half as much again per group delivery as on io_uring (docs/performance.md, session 8).
    vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(eventLoops))
        .withTransport(SocketTransports.choose(EdgeConfig.Transport.AUTO))
        .build();
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(Integer.MAX_VALUE)
        .setMaxFrameSize(4 * 1024 * 1024)
        .setMaxMessageSize(16 * 1024 * 1024));
    for (int i = 0; i < eventLoops; i++) {
      loops.add(((VertxInternal) vertx).createEventLoopContext());
    }
  }

  /**
   * Opens one socket per token, numbered by position, and waits until each is caught up. Throws if
   * any fails to connect or to catch up within {@code timeout}.
   */
  List<BenchSocket> connectAll(URI server, List<String> tokens, BenchSocket.Listener listener, Duration timeout) {
    var caughtUp = new CountDownLatch(tokens.size());
    var failure = new AtomicReference<Throwable>();
    var failures = new AtomicInteger();
    var handshakes = new Semaphore(HANDSHAKES_IN_FLIGHT);
    var sockets = new BenchSocket[tokens.size()];
    // Per socket, on its event loop: caught up yet? A socket the server closes before that is a failure.
    var done = new boolean[tokens.size()];
    var counting = new BenchSocket.Listener() {
      @Override
      public void onFrame(BenchSocket socket, ServerFrame frame, long receivedNanos) {
        if (frame instanceof ServerFrame.CaughtUp && !done[socket.index]) {
          done[socket.index] = true;
          caughtUp.countDown();
        }
        listener.onFrame(socket, frame, receivedNanos);
      }

      @Override
      public void onClose(BenchSocket socket, Short code) {
        if (!done[socket.index]) {
          done[socket.index] = true;
          failures.incrementAndGet();
          failure.compareAndSet(null, new IllegalStateException("socket " + socket.index + " closed by the server with "
              + code + " before caught-up"));
          caughtUp.countDown();
        }
        listener.onClose(socket, code);
      }
    };
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < tokens.size(); i++) {
      try {
        if (!handshakes.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("handshakes stalled: " + i + " of " + tokens.size() + " sockets opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while connecting", e);
      }
      int index = i;
      loops.get(i % loops.size()).runOnContext(_ -> BenchSocket.connect(vertx, client, server, tokens.get(index), index, counting)
          .onComplete(result -> {
            handshakes.release();
            if (result.succeeded()) {
              sockets[index] = result.result();
            } else if (!done[index]) {
              done[index] = true;
              failures.incrementAndGet();
              failure.compareAndSet(null, result.cause());
              caughtUp.countDown();
            }
          }));
    }
    try {
      if (!caughtUp.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException(caughtUp.getCount() + " of " + tokens.size() + " sockets not caught up within "
            + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting", e);
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " of " + tokens.size() + " sockets failed to connect: "
          + failure.get(), failure.get());
    }
    var list = new ArrayList<BenchSocket>(tokens.size());
    for (var socket : sockets) {
      list.add(socket);
    }
    return list;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The bench is ending; a slow close of client sockets changes no figure.
    }
  }
}
