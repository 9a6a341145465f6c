package dev.parley.server.edge;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.rest.Health;
import dev.parley.server.config.EdgeConfig;
import dev.parley.server.http.RestRoutes;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server. It listens before the services are ready, answering
 * {@code /health} with 503 {@code starting} (and every API call with 503 {@code unavailable}) until
 * {@link Lifecycle#ready()}, so a load balancer can watch a node come up and go down.
 */
public final class HttpEdge {
  private static final Logger log = LoggerFactory.getLogger(HttpEdge.class);
  private static final int MAX_BODY_BYTES = 256 * 1024;

  private final EdgeConfig config;
  private final Vertx vertx;
  private final Lifecycle lifecycle;
  private final String version;
  private final Router router;
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  private WebSocketEndpoint webSockets;

  public HttpEdge(EdgeConfig config, Vertx vertx, Lifecycle lifecycle, String version) {
    this.config = config;
    this.vertx = vertx;
    this.lifecycle = lifecycle;
    this.version = version;
    this.router = Router.router(vertx);
    router.get("/health").handler(ctx -> {
      var state = lifecycle.state();
      RestRoutes.json(ctx, state == Lifecycle.State.READY ? 200 : 503,
          new Health(state == Lifecycle.State.READY ? "ready" : state.name().toLowerCase(Locale.ROOT), version, "local"));
    });
    router.route("/v1/*").handler(ctx -> {
      if (lifecycle.isReady()) {
        ctx.next();
      } else {
        RestRoutes.error(ctx, ErrorCode.UNAVAILABLE, "the server is " + lifecycle.state().name().toLowerCase(Locale.ROOT), null);
      }
    });
    router.route("/v1/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.errorHandler(404, ctx -> RestRoutes.error(ctx, ErrorCode.NOT_FOUND, "no such endpoint: " + ctx.request().path(), null));
    router.errorHandler(405, ctx -> RestRoutes.error(ctx, ErrorCode.METHOD_NOT_ALLOWED,
        ctx.request().method() + " is not allowed on " + ctx.request().path(), null));
    router.errorHandler(413, ctx -> RestRoutes.error(ctx, ErrorCode.PAYLOAD_TOO_LARGE,
        "request body is larger than " + MAX_BODY_BYTES + " bytes", null));
    router.errorHandler(500, ctx -> {
      log.error("unhandled error on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
      RestRoutes.error(ctx, ErrorCode.INTERNAL, "internal error; it has been logged", null);
    });
  }

  /** Adds the routes of the capabilities; call before {@link #listen()}. */
  public void mount(List<Consumer<Router>> mounts, WebSocketEndpoint webSockets) {
    mounts.forEach(mount -> mount.accept(router));
    this.webSockets = webSockets;
  }

  /**
   * Starts listening on {@code edge.event-loops} event loops and returns the bound port.
   *
   * <p>A Vert.x HTTP server serves all its connections on the one event loop it was created on. Several
   * servers on the same port share one listening socket, and Vert.x hands each new connection to the
   * next of them; so one server per event loop (a verticle instance each) spreads the sockets over all
   * loops. Servers on port 0 would each get a port of their own, so port 0 is first resolved to a free port.
   */
  public int listen() {
    for (int attempt = 1; ; attempt++) {
      int port = config.port() != 0 ? config.port() : freePort();
      try {
        listenOn(port);
        webSockets.startHeartbeat(vertx);
        return port;
      } catch (IllegalStateException e) {
        // Another process may take the free port between the probe and the bind: try another one.
        if (config.port() != 0 || attempt == 3 || !(e.getCause() instanceof BindException)) {
          throw e;
        }
      }
    }
  }

  private void listenOn(int port) {
    var options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(port)
        // The frame decoder that the upgrade installs closes a socket with 1009 past this (as does
        // NettyWebSocket's aggregator for a message of several frames); frames between maxFrameBytes
        // and it get an error frame and the socket stays open (see DeviceConnection).
        .setMaxWebSocketFrameSize(config.maxFrameBytes() * 4)
        .setCompressionSupported(true)
        // Payloads are mostly ciphertext, which does not compress; a deflate context per socket
        // would cost memory and CPU for nothing.
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false);
    var deployment = new DeploymentOptions().setInstances(config.eventLoops());
    try {
      vertx.deployVerticle(() -> new EdgeServer(options), deployment).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      servers.clear(); // Vert.x undeploys the instances that did start when one fails
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + port + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting to listen", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out starting to listen on port " + port, e);
    }
  }

  private int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getByName(config.host()))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("cannot find a free port on " + config.host() + ": " + e.getMessage(), e);
    }
  }

  /** One HTTP server on the event loop of its verticle instance. */
  private final class EdgeServer extends VerticleBase {
    private final HttpServerOptions options;

    EdgeServer(HttpServerOptions options) {
      this.options = options;
    }

    @Override
    public Future<?> start() {
      return vertx.createHttpServer(options)
          .requestHandler(router)
          .webSocketHandshakeHandler(handshake -> {
            if (!WebSocketEndpoint.PATH.equals(handshake.path())) {
              handshake.reject(404);
            } else if (!lifecycle.isReady()) {
              handshake.reject(503);
            } else {
              handshake.accept();
            }
          })
          .webSocketHandler(socket -> webSockets.accept(socket))
          .listen()
          .onSuccess(servers::add);
    }
  }

  /** Stops accepting connections and closes every socket with 1001 (going away). */
  public void close(Duration grace) {
    if (servers.isEmpty()) {
      return;
    }
    webSockets.stopHeartbeat(vertx);
    webSockets.closeAll();
    try {
      Future.all(servers.stream().map(server -> server.shutdown(grace)).toList())
          .toCompletionStage().toCompletableFuture().get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("the HTTP server did not shut down cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
