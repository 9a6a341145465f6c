package dev.parley.server.edge;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.config.EdgeConfig;
import dev.parley.server.http.RestRoutes;
import dev.parley.server.messaging.DeliveryStream;
import dev.parley.server.messaging.MessageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /v1/ws} endpoint: accepts sockets, authenticates them (first frame {@code auth}, or an
 * {@code Authorization: Bearer} header for clients that can set one), starts each device's delivery
 * stream, and runs the heartbeat: every {@code ws.heartbeat-interval} it pings every socket and closes
 * those that have sent nothing, not even a pong, for {@code ws.idle-timeout}, and sockets that sent no
 * credentials within {@code ws.auth-timeout} (a token still waiting for its check does not count: in a
 * burst of reconnects that would close sockets the server itself is slow to serve).
 */
public final class WebSocketEndpoint {
  private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);
  public static final String PATH = "/v1/ws";

  private final EdgeConfig config;
  private final RestRoutes.Authenticator authenticator;
  private final MessageStore store;
  private final ClientFrameHandler frames;
  private final SocketRegistry registry;
  private final Consumer<DeviceId> onConnect;
  private final int window;
  private final Executor blocking;
  private final InstantSource clock;
  private final FrameCodec codec = new FrameCodec();
  private final Set<DeviceConnection> open = ConcurrentHashMap.newKeySet();
  private long heartbeatTimer = -1;

  public WebSocketEndpoint(EdgeConfig config, RestRoutes.Authenticator authenticator, MessageStore store, ClientFrameHandler frames,
      SocketRegistry registry, Consumer<DeviceId> onConnect, int window, Executor blocking, InstantSource clock) {
    this.config = config;
    this.authenticator = authenticator;
    this.store = store;
    this.frames = frames;
    this.registry = registry;
    this.onConnect = onConnect;
    this.window = window;
    this.blocking = blocking;
    this.clock = clock;
  }

  FrameCodec codec() {
    return codec;
  }

  ClientFrameHandler frames() {
    return frames;
  }

  int maxFrameBytes() {
    return config.maxFrameBytes();
  }

  public void startHeartbeat(Vertx vertx) {
    heartbeatTimer = vertx.setPeriodic(config.heartbeatInterval().toMillis(), _ -> heartbeat());
  }

  public void stopHeartbeat(Vertx vertx) {
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
    }
  }

  /**
   * A socket Vert.x has just upgraded on {@link #PATH}. From here on a {@link NettyWebSocket} serves it
   * and Vert.x's WebSocket is dropped: this handler runs on the event loop in the task of the upgrade,
   * so no frame can have reached Vert.x's handler before it leaves the pipeline.
   */
  public void accept(ServerWebSocket upgraded) {
    var vertxHandler = ((WebSocketInternal) upgraded).channelHandlerContext();
    var socket = new NettyWebSocket(vertxHandler.channel());
    var connection = new DeviceConnection(socket, this, new SerialExecutor(blocking), clock.millis());
    open.add(connection);
    socket.start(vertxHandler, new NettyWebSocket.Listener() {
      @Override
      public void onText(String text) {
        connection.onText(text, clock.millis());
      }

      @Override
      public void onBinary() {
        connection.send(new ServerFrame.Error(null, ErrorCode.INVALID_FRAME, "frames are JSON text; binary frames are not accepted"));
      }

      @Override
      public void onPong() {
        connection.heard(clock.millis());
      }

      @Override
      public void onError(Throwable error) {
        log.debug("socket error from {}: {}", connection.device(), error.toString());
      }

      @Override
      public void onClosed() {
        open.remove(connection);
        connection.onClosed();
        var device = connection.device();
        if (device != null) {
          registry.unregister(device, connection);
        }
      }
    }, config.maxFrameBytes() * 4); // the decoder's frame limit (HttpEdge), for whole messages
    var header = upgraded.headers().get("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      connection.authenticateWith(header.substring(7).strip());
    }
  }

  /** The first frame of a socket (serial executor). */
  void authenticate(DeviceConnection connection, ClientFrame frame) {
    if (connection.isAuthenticated()) {
      return;
    }
    if (!(frame instanceof ClientFrame.Auth(var token))) {
      connection.send(new ServerFrame.Error(null, ErrorCode.UNAUTHENTICATED, "the first frame must be auth"));
      connection.close(CloseCodes.AUTHENTICATION_FAILED, "not authenticated");
      return;
    }
    switch (authenticator.authenticate(token)) {
      case Outcome.Refused<DeviceId>(var code, var message, var details) -> {
        connection.send(new ServerFrame.Error(null, code, message, details));
        connection.close(CloseCodes.AUTHENTICATION_FAILED, code.wireName());
      }
      case Outcome.Ok<DeviceId>(var device) -> {
        var stream = new DeliveryStream(device, store, connection, window, blocking);
        connection.authenticated(device, stream);
        connection.send(new ServerFrame.Ready(device.account(), device.number(), clock.millis()));
        var replaced = registry.register(device, connection);
        if (replaced != null && replaced != connection) {
          replaced.close(CloseCodes.REPLACED, "replaced by a newer connection of this device");
        }
        // Registered before the first read: see DeliveryStream for why this order matters.
        stream.start();
        onConnect.accept(device);
      }
    }
  }

  private void heartbeat() {
    long now = clock.millis();
    long idleLimit = config.idleTimeout().toMillis();
    for (var connection : open) {
      if (connection.missedAuthDeadline(now, config.authTimeout())) {
        connection.close(CloseCodes.TIMEOUT, "no auth frame within " + config.authTimeout().toSeconds() + " s");
      } else if (now - connection.lastHeardAt() > idleLimit) {
        connection.close(CloseCodes.TIMEOUT, "idle for more than " + config.idleTimeout().toSeconds() + " s");
      } else {
        connection.ping();
      }
    }
  }

  /** Closes every socket with 1001 (going away) so clients reconnect elsewhere or later. */
  public void closeAll() {
    for (var connection : open) {
      connection.close(CloseCodes.GOING_AWAY, "server shutting down");
    }
  }

  public int openSockets() {
    return open.size();
  }
}
