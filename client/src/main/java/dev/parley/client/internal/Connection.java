package dev.parley.client.internal;

import dev.parley.client.ConnectionState;
import dev.parley.client.OutboxEntry;
import dev.parley.client.ParleyApiException;
import dev.parley.client.ParleyClosedException;
import dev.parley.client.ParleyUnreachableException;
import dev.parley.client.SendResult;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.FrameDecodeException;
import dev.parley.protocol.frame.ServerFrame;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket's life: connect, authenticate, drain, send, ack, and reconnect with backoff.
 *
 * <p>Design: an actor. Every piece of state below is touched only on the {@code loop} thread
 * ({@code parley-client-connection}); public methods and transport callbacks just post tasks to it,
 * so no locks are needed and frames are handled in the order they arrived. Blocking work (token
 * refresh over REST) runs on {@code io} and posts its result back. App code never runs here: the
 * listener runs on the {@link EventDispatcher}'s thread and futures complete on {@code io}.
 *
 * <p>Hazard: a socket's callbacks can arrive after the SDK has given up on it. Each socket gets a
 * {@code generation}; every callback carries the generation it was opened with and is ignored if
 * that is no longer current. Anything that ends a socket bumps the generation first.
 *
 * <p>Order of a connection: open, send {@code auth}, wait for {@code ready}, then (re)send every
 * outbox entry oldest first and any read marker made offline; backlog frames and answers follow
 * in whatever order the server sends them.
 */
public final class Connection {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);

  static final int CLOSE_NORMAL = 1000;
  static final int CLOSE_GOING_AWAY = 1001;
  static final int CLOSE_NO_STATUS = 1006;
  static final int CLOSE_TOO_BIG = 1009;
  static final int CLOSE_AUTH_FAILED = 4401;
  static final int CLOSE_DEVICE_REMOVED = 4403;
  static final int CLOSE_IDLE_TIMEOUT = 4408;
  static final int CLOSE_REPLACED = 4409;
  // When a rate-limited send carries no retry-after, try again after this.
  private static final Duration DEFAULT_SEND_RETRY = Duration.ofSeconds(1);

  private final ClientConfig config;
  private final URI socketUri;
  private final Transport transport;
  private final Session session;
  private final SendQueue sends;
  private final EventDispatcher events;
  private final ScheduledExecutorService loop;
  private final Executor io;
  private final Deliveries deliveries;
  private final Backoff backoff;
  private final FrameCodec codec = new FrameCodec();

  // Written on the loop thread only; volatile so state() can read it from anywhere.
  private volatile ConnectionState state = ConnectionState.IDLE;
  // Everything below: loop thread only.
  private long generation;
  // Non-null from the moment a socket opens until it is lost or closed.
  private Transport.Connection socket;
  // The access token the current socket authenticated with; null when none.
  private String socketToken;
  // True between ready and the loss of the socket: frames other than auth may be sent.
  private boolean ready;
  // Set by a 4401 close: the next attempt must replace this token rather than trust its expiry.
  private String rejectedToken;
  private long lastInboundNanos;
  private long lastPingNanos;
  private ScheduledFuture<?> reconnectTimer;
  private ScheduledFuture<?> authTimer;
  private ScheduledFuture<?> keepaliveTimer;
  // The highest read marker per conversation made while offline; sent after the next ready.
  private final Map<ConversationId, Long> unsentReads = new LinkedHashMap<>();

  public Connection(ClientConfig config, URI socketUri, Transport transport, Session session, SendQueue sends,
      EventDispatcher events, ScheduledExecutorService loop, Executor io, Backoff backoff) {
    this.config = config;
    this.socketUri = socketUri;
    this.transport = transport;
    this.session = session;
    this.sends = sends;
    this.events = events;
    this.loop = loop;
    this.io = io;
    this.backoff = backoff;
    this.deliveries = new Deliveries(
        config, events, this::post, task -> schedule(task, config.ackDelay()), this::transmit);
  }

  public ConnectionState state() {
    return state;
  }

  /** Starts connecting if idle; does nothing if already connecting, connected or closed. */
  public void start() {
    post(() -> {
      if (state == ConnectionState.IDLE) {
        attempt();
      }
    });
  }

  /** Stops without closing the client (after logout); pending sends stay queued. */
  public void stop() {
    post(() -> {
      if (state != ConnectionState.CLOSED) {
        stopIdle();
      }
    });
  }

  public void send(OutboxEntry entry, CompletableFuture<SendResult> future) {
    boolean posted = post(() -> {
      if (state == ConnectionState.CLOSED) {
        future.completeExceptionally(new ParleyClosedException("client is closed"));
        return;
      }
      sends.add(entry, future);
      if (ready) {
        transmit(entry.toFrame());
      }
    });
    if (!posted) {
      future.completeExceptionally(new ParleyClosedException("client is closed"));
    }
  }

  public void markRead(ConversationId conversation, long seq) {
    post(() -> {
      if (ready) {
        transmit(new ClientFrame.Read(conversation, seq));
      } else if (state != ConnectionState.CLOSED) {
        unsentReads.merge(conversation, seq, Math::max);
      }
    });
  }

  /** Told by {@link Session} (on any thread) that the session is over. */
  public void sessionRevoked(ErrorCode code) {
    post(() -> {
      if (state == ConnectionState.CLOSED) {
        return;
      }
      stopIdle();
      unsentReads.clear();
      // Entries of a revoked session can never be sent from this device: drop them with their futures.
      sends.failAll(new ParleyApiException(code, code.httpStatus(), "the session was revoked", null), true);
      events.sessionRevoked(code);
    });
  }

  /** Flushes acks, closes the socket and fails what waits; completes when done. Idempotent. */
  public CompletableFuture<Void> close() {
    var done = new CompletableFuture<Void>();
    boolean posted = post(() -> {
      try {
        if (state == ConnectionState.CLOSED) {
          return;
        }
        deliveries.flush();
        generation++;
        if (socket != null) {
          socket.close(CLOSE_NORMAL, "client closed");
        }
        forgetSocket();
        cancel(reconnectTimer);
        setState(ConnectionState.CLOSED);
        sends.failAll(new ParleyClosedException("client closed before the server answered"), false);
      } finally {
        done.complete(null);
      }
    });
    if (!posted) {
      done.complete(null);
    }
    return done;
  }

  // ---- connecting ----

  private void attempt() {
    cancel(reconnectTimer);
    long gen = ++generation;
    setState(ConnectionState.CONNECTING);
    var rejected = rejectedToken;
    io.execute(() -> {
      String token;
      try {
        token = rejected != null ? session.accessTokenReplacing(rejected) : session.accessToken();
      } catch (IllegalStateException notSignedIn) {
        post(() -> {
          if (gen == generation) {
            log.warn("not connecting: {}", notSignedIn.getMessage());
            stopIdle();
          }
        });
        return;
      } catch (ParleyApiException | ParleyUnreachableException e) {
        // A 401 has already revoked the session through Session's callback, which stops us.
        post(() -> attemptFailed(gen, e));
        return;
      }
      try {
        transport.open(socketUri, listenerFor(gen))
            .whenComplete((opened, error) -> post(() -> opened(gen, token, opened, error)));
      } catch (RuntimeException e) {
        post(() -> attemptFailed(gen, e));
      }
    });
  }

  private Transport.Listener listenerFor(long gen) {
    return new Transport.Listener() {
      @Override
      public void onText(String text) {
        post(() -> frameArrived(gen, text));
      }

      @Override
      public void onClosed(int code, String reason) {
        post(() -> lost(gen, code, reason));
      }

      @Override
      public void onFailure(Throwable error) {
        post(() -> lost(gen, CLOSE_NO_STATUS, String.valueOf(error)));
      }
    };
  }

  private void opened(long gen, String token, Transport.Connection opened, Throwable error) {
    if (gen != generation || state != ConnectionState.CONNECTING) {
      if (opened != null) {
        opened.abort();
      }
      return;
    }
    if (error != null) {
      attemptFailed(gen, error);
      return;
    }
    socket = opened;
    socketToken = token;
    lastInboundNanos = System.nanoTime();
    // The token goes in the first frame, not a header, because browsers cannot set headers on a WebSocket.
    transmit(new ClientFrame.Auth(token));
    authTimer = schedule(() -> {
      if (gen == generation && !ready) {
        lost(gen, CLOSE_IDLE_TIMEOUT, "no ready within " + config.authTimeout());
      }
    }, config.authTimeout());
  }

  private void attemptFailed(long gen, Throwable error) {
    if (gen != generation || state != ConnectionState.CONNECTING) {
      return;
    }
    log.info("connecting to {} failed: {}", socketUri, error.toString());
    generation++;
    scheduleReconnect();
  }

  /** The socket ended (or never opened properly): decide between reconnecting and stopping. */
  private void lost(long gen, int code, String reason) {
    if (gen != generation || (state != ConnectionState.CONNECTING && state != ConnectionState.CONNECTED)) {
      return;
    }
    generation++;
    var token = socketToken;
    forgetSocket();
    log.info("socket to {} ended: {} {}", socketUri, code, reason);
    switch (code) {
      case CLOSE_DEVICE_REMOVED -> {
        stopIdle();
        session.revoke(ErrorCode.DEVICE_NOT_FOUND);
      }
      case CLOSE_REPLACED -> {
        stopIdle();
        events.replaced();
      }
      case CLOSE_AUTH_FAILED -> {
        rejectedToken = token;
        scheduleReconnect();
      }
      default -> {
        if (code == CLOSE_TOO_BIG) {
          log.error("the server refused a frame as too big; check payload sizes against the server's limits");
        }
        scheduleReconnect();
      }
    }
  }

  private void scheduleReconnect() {
    setState(ConnectionState.WAITING_TO_RECONNECT);
    var delay = backoff.next();
    cancel(reconnectTimer);
    reconnectTimer = schedule(() -> {
      if (state == ConnectionState.WAITING_TO_RECONNECT) {
        attempt();
      }
    }, delay);
  }

  private void stopIdle() {
    generation++;
    if (socket != null) {
      socket.abort();
    }
    forgetSocket();
    cancel(reconnectTimer);
    setState(ConnectionState.IDLE);
  }

  private void forgetSocket() {
    socket = null;
    socketToken = null;
    ready = false;
    cancel(authTimer);
    cancel(keepaliveTimer);
    deliveries.lost();
  }

  // ---- frames from the server ----

  private void frameArrived(long gen, String text) {
    if (gen != generation || socket == null) {
      return;
    }
    lastInboundNanos = System.nanoTime();
    ServerFrame frame;
    try {
      frame = codec.decodeServer(text);
    } catch (FrameDecodeException e) {
      // A newer server may send frames this SDK does not know; skipping them keeps the socket useful.
      log.warn("ignoring a frame this SDK cannot read ({}): {}", e.code().wireName(), e.getMessage());
      return;
    }
    switch (frame) {
      case ServerFrame.Ready r -> ready(gen, r);
      case ServerFrame.Sent s -> sends.sent(s);
      case ServerFrame.Message m -> deliveries.message(m);
      case ServerFrame.Delivered d -> deliveries.delivered(d);
      case ServerFrame.ReadUpTo r -> deliveries.read(r);
      case ServerFrame.CaughtUp c -> events.caughtUp(c.delivered());
      case ServerFrame.Error e -> errorArrived(e);
      case ServerFrame.Pong _ -> { }
    }
  }

  private void ready(long gen, ServerFrame.Ready frame) {
    if (ready) {
      return;
    }
    log.debug("ready as {}/{}", frame.accountId(), frame.deviceId());
    cancel(authTimer);
    ready = true;
    rejectedToken = null;
    backoff.reset();
    deliveries.opened(gen);
    events.connected();
    setState(ConnectionState.CONNECTED);
    for (var entry : sends.pending()) {
      transmit(entry.toFrame());
    }
    unsentReads.forEach((conversation, seq) -> transmit(new ClientFrame.Read(conversation, seq)));
    unsentReads.clear();
    lastPingNanos = 0;
    keepaliveTimer = loop.scheduleAtFixedRate(
        () -> safely(() -> keepalive(gen)), config.pingInterval().toMillis(), config.pingInterval().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void errorArrived(ServerFrame.Error error) {
    if (error.ref() == null) {
      log.warn("server reported {}: {}", error.code().wireName(), error.message());
      return;
    }
    if (sends.refused(error) == SendQueue.Refusal.RETRY_LATER) {
      var retryAfter = error.details() != null && error.details().retryAfterSeconds() != null
          ? Duration.ofSeconds(error.details().retryAfterSeconds())
          : DEFAULT_SEND_RETRY;
      long gen = generation;
      schedule(() -> {
        // A reconnect meanwhile has already sent it again, with everything else pending.
        if (gen == generation && ready) {
          sends.find(error.ref()).ifPresent(entry -> transmit(entry.toFrame()));
        }
      }, retryAfter);
    }
  }

  // ---- keepalive ----

  private void keepalive(long gen) {
    if (gen != generation || !ready) {
      return;
    }
    // Nothing at all since the last ping, not even its pong: the socket is half-open.
    if (lastPingNanos != 0 && lastInboundNanos - lastPingNanos < 0) {
      lost(gen, CLOSE_NO_STATUS, "no answer to ping within " + config.pingInterval());
      return;
    }
    lastPingNanos = System.nanoTime();
    transmit(new ClientFrame.Ping(UUID.randomUUID().toString()));
  }

  // ---- plumbing ----

  private void transmit(ClientFrame frame) {
    socket.send(codec.encode(frame));
  }

  private void setState(ConnectionState next) {
    if (state != next) {
      state = next;
      events.stateChanged(next);
    }
  }

  private boolean post(Runnable task) {
    try {
      loop.execute(() -> safely(task));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return loop.schedule(() -> safely(task), delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      // One bad frame or bug must not kill the connection thread, which everything else waits on.
      log.error("unexpected failure on the connection thread", e);
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
