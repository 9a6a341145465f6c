package dev.parley.server.edge;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.rest.Health;
import dev.parley.server.config.EdgeConfig;
import dev.parley.server.http.RestRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
  private WebSocketEndpoint webSockets;
  private HttpServer server;

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

  /** Starts listening and returns the bound port. */
  public int listen() {
    var options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        // Vert.x closes a socket with 1009 past this; frames between maxFrameBytes and it get an
        // error frame and the socket stays open (see DeviceConnection).
        .setMaxWebSocketFrameSize(config.maxFrameBytes() * 4)
        .setMaxWebSocketMessageSize(config.maxFrameBytes() * 4)
        .setCompressionSupported(true)
        // Payloads are mostly ciphertext, which does not compress; a deflate context per socket
        // would cost memory and CPU for nothing.
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false);
    server = vertx.createHttpServer(options)
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
        .webSocketHandler(socket -> webSockets.accept(socket));
    try {
      server = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting to listen", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out starting to listen on port " + config.port(), e);
    }
    webSockets.startHeartbeat(vertx);
    return server.actualPort();
  }

  /** Stops accepting connections and closes every socket with 1001 (going away). */
  public void close(Duration grace) {
    if (server == null) {
      return;
    }
    webSockets.stopHeartbeat(vertx);
    webSockets.closeAll();
    try {
      server.shutdown(grace).toCompletionStage().toCompletableFuture().get(grace.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("the HTTP server did not shut down cleanly: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
