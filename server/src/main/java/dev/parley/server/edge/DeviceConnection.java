package dev.parley.server.edge;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameDecodeException;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.messaging.DeliveryStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket. Until its first frame authenticates it, only {@code auth} is accepted; afterwards
 * frames go to the {@link ClientFrameHandler} on this socket's serial executor (so they are handled
 * in arrival order) and deliveries come from its {@link DeliveryStream}.
 *
 * <p>Threads: the socket calls in on its event loop; frames are sent from the event loop, the frame
 * handler's virtual thread and the store's completer thread (on SQLite its syncer), which
 * {@link NettyWebSocket} allows.
 */
final class DeviceConnection implements DeliveryStream.Sink {
  private static final Logger log = LoggerFactory.getLogger(DeviceConnection.class);

  private final NettyWebSocket socket;
  private final WebSocketEndpoint endpoint;
  private final SerialExecutor serial;
  private final long openedAt;
  private volatile long lastHeardAt;
  // Set by the first frame or the upgrade's bearer token: from then on the auth timeout no longer applies.
  private volatile boolean authReceived;
  // Set once, by authenticate(), on the serial executor; read from any thread.
  private volatile DeviceId device;
  private volatile DeliveryStream stream;
  private volatile boolean closed;

  DeviceConnection(NettyWebSocket socket, WebSocketEndpoint endpoint, SerialExecutor serial, long now) {
    this.socket = socket;
    this.endpoint = endpoint;
    this.serial = serial;
    this.openedAt = now;
    this.lastHeardAt = now;
  }

  void heard(long now) {
    lastHeardAt = now;
  }

  long lastHeardAt() {
    return lastHeardAt;
  }

  boolean isAuthenticated() {
    return device != null;
  }

  /**
   * Whether the client has sent no credentials within {@code authTimeout}. Only the client's part
   * counts: a token still waiting for its check (a burst of connects on a busy server) is not a timeout.
   */
  boolean missedAuthDeadline(long now, Duration authTimeout) {
    return !authReceived && now - openedAt > authTimeout.toMillis();
  }

  DeviceId device() {
    return device;
  }

  void ping() {
    socket.ping();
  }

  /** A text frame arrived (event loop). */
  void onText(String text, long now) {
    heard(now);
    authReceived = true;
    if (text.length() > endpoint.maxFrameBytes()) {
      send(new ServerFrame.Error(null, ErrorCode.FRAME_TOO_LARGE,
          "frame is larger than " + endpoint.maxFrameBytes() + " bytes; payloads may be at most 64 KiB"));
      return;
    }
    ClientFrame frame;
    try {
      frame = endpoint.codec().decodeClient(text);
    } catch (FrameDecodeException e) {
      send(new ServerFrame.Error(null, e.code(), e.getMessage()));
      if (device == null) {
        close(CloseCodes.AUTHENTICATION_FAILED, "the first frame must be auth");
      }
      return;
    }
    // A frame that cannot block runs here rather than on a virtual thread of its own: at 1,000 pairs
    // each start woke a carrier thread (docs/performance.md, session 5). The membership cache could
    // drop a conversation between the check and the send; that one send then reads it here.
    if (device != null && endpoint.frames().handlesWithoutBlocking(frame)) {
      serial.executeHere(() -> handle(frame));
    } else {
      serial.execute(() -> handle(frame));
    }
  }

  /** A token from the upgrade request's header: checked in order with any frames that follow. */
  void authenticateWith(String token) {
    authReceived = true;
    serial.execute(() -> handle(new ClientFrame.Auth(token)));
  }

  /** One frame, on the serial executor: the first authenticates, the others go to the frame handler. */
  private void handle(ClientFrame frame) {
    try {
      if (device == null) {
        if (closed) {
          return;
        }
        endpoint.authenticate(this, frame);
      } else {
        // Even if the socket has closed meanwhile: frames that arrived before the close (the last
        // acks, above all) still count. Their answers go nowhere; a retried send is idempotent.
        endpoint.frames().handle(this, frame);
      }
    } catch (RuntimeException e) {
      log.error("handling a {} frame from {} failed", frame.getClass().getSimpleName(), device, e);
      send(new ServerFrame.Error(null, ErrorCode.INTERNAL, "internal error; it has been logged"));
      if (device == null) {
        // The check of its credentials failed (no database connection within the pool's timeout, say):
        // this socket will never be ready, so close it and let the client connect again.
        close(CloseCodes.INTERNAL_ERROR, "could not authenticate; reconnect");
      }
    }
  }

  /** Called by the endpoint once the token checked out and the device is registered. */
  void authenticated(DeviceId device, DeliveryStream stream) {
    this.stream = stream;
    this.device = device;
  }

  DeliveryStream stream() {
    return stream;
  }

  void offer(ServerFrame.Delivery delivery) {
    var current = stream;
    if (current != null) {
      current.offer(delivery);
    }
  }

  @Override
  public void deliver(ServerFrame.Delivery delivery) {
    send(delivery);
  }

  @Override
  public void readFailed() {
    // The queue is intact in the store; a fresh connection reads it again.
    close(CloseCodes.INTERNAL_ERROR, "could not read the delivery queue; reconnect");
  }

  @Override
  public void caughtUp(long delivered) {
    send(new ServerFrame.CaughtUp(delivered));
  }

  void send(ServerFrame frame) {
    if (closed) {
      return;
    }
    // Written from the calling thread, the store's completer for most frames: NettyWebSocket hands
    // writes made off the event loop over in order and flushes once per run of them, so the frames of
    // a committed batch leave in a few syscalls, not one each (docs/performance.md). Callers hand
    // frames over in delivery order (under the stream's lock), and the socket keeps that order.
    socket.sendText(endpoint.codec().encodeUtf8(frame));
  }

  void close(short code, String reason) {
    if (closed) {
      return;
    }
    closed = true;
    var current = stream;
    if (current != null) {
      current.close();
    }
    socket.close(code, reason);
  }

  /** The socket is gone (closed by either side). */
  void onClosed() {
    closed = true;
    var current = stream;
    if (current != null) {
      current.close();
    }
  }
}
