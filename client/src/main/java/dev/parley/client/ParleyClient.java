package dev.parley.client;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.client.SendResult.SendRefused;
import dev.parley.client.internal.Backoff;
import dev.parley.client.internal.ClientConfig;
import dev.parley.client.internal.Connection;
import dev.parley.client.internal.DeviceDirectory;
import dev.parley.client.internal.EventDispatcher;
import dev.parley.client.internal.HttpJson;
import dev.parley.client.internal.JdkWebSocketTransport;
import dev.parley.client.internal.RestCalls;
import dev.parley.client.internal.SendQueue;
import dev.parley.client.internal.Session;
import dev.parley.client.internal.Transport;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.frame.ClientFrame.DevicePayload;
import dev.parley.protocol.frame.ServerFrame.DeviceRef;
import dev.parley.protocol.rest.ConversationSummary;
import dev.parley.protocol.rest.HistoryPage;
import dev.parley.protocol.rest.RefreshRequest;
import dev.parley.protocol.rest.SessionTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A Parley device: its session, its socket, its outbox. One instance per signed-in device.
 *
 * <pre>{@code
 * var client = ParleyClient.builder(URI.create("https://chat.example.org"))
 *     .sessionStore(new FileSessionStore(home.resolve("session.json")))
 *     .listener(myListener)
 *     .build();
 * if (client.session().isEmpty()) {
 *   client.accounts().requestCode("+15550100");
 *   client.accounts().verify("+15550100", codeFromSms, "laptop");
 * }
 * client.connect();
 * client.send(client.directConversationWith(friend), "hello").thenAccept(r -> ...);
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link #connect()} starts a socket that stays up until {@link #close()}: when it drops, the
 * client reconnects after a delay that doubles from 250 ms to 30 s, with jitter, and resets once a
 * connection authenticates. It stops by itself, to state {@link ConnectionState#IDLE}, only when
 * reconnecting cannot help: the session was revoked or the device removed
 * ({@link ClientListener#onSessionRevoked}), or a newer connection of the same device took over
 * ({@link ClientListener#onReplaced}). {@link #state()} and {@link ClientListener#onStateChanged}
 * tell where it is. After each connection the server sends the device's backlog in order, then a
 * caught-up marker ({@link #caughtUp()}, {@link ClientListener#onCaughtUp}).
 *
 * <h2>Sending</h2>
 * {@link #send} returns at once. The message goes into the {@link Outbox} with a clientMessageId
 * (a UUID) chosen here, and is sent now if connected, else after the next connection authenticates,
 * in the order sends were made. A connection lost before the server answers means the same entry,
 * with the same id, is sent again, and the server stores it once. The future completes with
 * {@link SendResult.SentMessage} once the server has stored it, or with {@link SendRefused} if the
 * server refused it (refusals are never retried; {@code rate_limited} and {@code unavailable} are
 * not refusals but delays). It completes exceptionally only with {@link ParleyClosedException}
 * ({@link #close()} came first; the entry stays in the outbox) or {@link ParleyApiException} (the
 * session was revoked; the entry is dropped). There is no send timeout: a send waits for a
 * connection as long as the client lives.
 *
 * <h2>Receiving</h2>
 * Messages reach {@link ClientListener#onMessage} once each, duplicates of the server's
 * at-least-once delivery dropped by message id. The server forgets a message only when it is
 * acked: by {@link IncomingMessage#ack()} after the app has handled it, or by the SDK after the
 * callback returns when {@link Builder#autoAck(boolean) autoAck} is on. Acks are batched for a few
 * milliseconds. Receipts are acked when their callback returns.
 *
 * <h2>Threads</h2>
 * Every method is safe to call from any thread. The client runs three kinds of threads, all named
 * {@code parley-client-*}: {@code connection} (the socket; never runs app code), {@code events}
 * (every listener callback, one at a time, in order) and {@code io} (virtual threads for token
 * refresh, per-device lookups and completing futures). REST methods ({@link #accounts()},
 * {@link #history}, {@link #conversations()}) block the caller.
 */
public final class ParleyClient implements AutoCloseable {
  private static final TypeReference<List<ConversationSummary>> CONVERSATIONS = new TypeReference<>() {};

  private final HttpClient http;
  private final boolean ownsHttp;
  private final InstantSource clock;
  private final ScheduledExecutorService loop;
  private final ExecutorService io;
  private final EventDispatcher events;
  private final Session session;
  private final RestCalls rest;
  private final Accounts accounts;
  private final Groups groups;
  private final DeviceDirectory directory;
  private final Connection connection;

  private ParleyClient(Builder builder) {
    var config = builder.config();
    this.clock = builder.clock;
    this.ownsHttp = builder.httpClient == null;
    this.http = ownsHttp ? HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build() : builder.httpClient;
    this.loop = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("parley-client-connection").daemon().factory());
    this.io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("parley-client-io-", 0).factory());
    this.events = new EventDispatcher(
        builder.listener,
        Executors.newSingleThreadExecutor(Thread.ofVirtual().name("parley-client-events").factory()),
        config.autoAck());
    var httpJson = new HttpJson(http, builder.server, config.requestTimeout());
    this.session = new Session(
        builder.sessionStore,
        refreshToken -> httpJson.call(
            "POST", "v1/sessions/refresh", new RefreshRequest(refreshToken), null, HttpJson.type(SessionTokens.class)),
        builder.clock,
        config.refreshAhead(),
        this::sessionRevoked);
    this.rest = new RestCalls(httpJson, session);
    this.directory = new DeviceDirectory(rest);
    var transport = builder.transport != null ? builder.transport : new JdkWebSocketTransport(http, config.connectTimeout());
    this.connection = new Connection(
        config, socketUri(httpJson.base()), transport, session, new SendQueue(builder.outbox, io, events),
        events, loop, io, new Backoff(config.minBackoff(), config.maxBackoff(), new SplittableRandom()));
    this.accounts = new Accounts(rest, session, connection::stop);
    this.groups = new Groups(rest);
  }

  /** @param server the server's HTTP(S) root, such as {@code https://chat.example.org}; the socket is derived from it */
  public static Builder builder(URI server) {
    return new Builder(server);
  }

  public Accounts accounts() {
    return accounts;
  }

  /** Group chats: create, membership, roles, settings, invites, receipts. */
  public Groups groups() {
    return groups;
  }

  /** The stored session, or empty if this device is not signed in. */
  public Optional<SessionTokens> session() {
    return session.current();
  }

  /**
   * Starts connecting and keeps the connection up (see the class documentation). Returns at once;
   * watch {@link #state()} or the listener. Does nothing if already started.
   *
   * @throws IllegalStateException if not signed in, or closed
   */
  public void connect() {
    if (session.current().isEmpty()) {
      throw new IllegalStateException("not signed in: call accounts().verify(...) first");
    }
    if (connection.state() == ConnectionState.CLOSED) {
      throw new IllegalStateException("client is closed");
    }
    connection.start();
  }

  public ConnectionState state() {
    return connection.state();
  }

  /**
   * Completes once the current connection has passed its whole backlog to the listener, followed
   * by {@link ClientListener#onCaughtUp}; before the first connection (or between connections),
   * once the next one has. For tests and for apps that show a "syncing" indicator.
   */
  public CompletableFuture<Void> caughtUp() {
    return events.caughtUp();
  }

  /**
   * Sends one payload to every member's devices. See "Sending" in the class documentation. A payload
   * over {@value Limits#MAX_PAYLOAD_BYTES} UTF-8 bytes is refused here, without a round trip.
   */
  public CompletableFuture<SendResult> send(ConversationId conversation, String payload) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(payload, "payload");
    return enqueue(conversation, payload, null);
  }

  /**
   * Sends one payload per recipient device, as end-to-end encryption needs: {@code encryptFor} is
   * called once for every device of the other members and every other device of this account. The
   * device lists come from the server and are cached; if the server answers {@code devices_mismatch}
   * (a device was added or removed) the lists are fetched again, {@code encryptFor} is called again
   * and the message is sent once more under a new clientMessageId. A second mismatch is returned.
   *
   * <p>Unlike {@link #send}, the message enters the outbox only after the device lists are known,
   * so it is not ordered against sends made meanwhile. {@code encryptFor} runs on an SDK virtual
   * thread. The future fails with {@link ParleyUnreachableException} if the lists are not cached
   * and the server cannot be reached.
   */
  public CompletableFuture<SendResult> sendPerDevice(ConversationId conversation, Function<DeviceRef, String> encryptFor) {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(encryptFor, "encryptFor");
    return perDevice(conversation, encryptFor, false)
        .thenCompose(result -> result instanceof SendRefused refused && refused.code() == ErrorCode.DEVICES_MISMATCH
            ? perDevice(conversation, encryptFor, true)
            : CompletableFuture.completedFuture(result));
  }

  /**
   * Tells the other members that this account has read the conversation up to {@code seq}. Sent
   * now if connected; otherwise the highest marker per conversation is sent after the next
   * connection authenticates (lost if the client is closed first).
   */
  public void markRead(ConversationId conversation, long seq) {
    connection.markRead(Objects.requireNonNull(conversation, "conversation"), seq);
  }

  /** One page of a conversation's history (blocking; see {@link Accounts} for the exceptions). */
  public HistoryPage history(ConversationId conversation, HistoryQuery query) {
    var path = "v1/conversations/" + HttpJson.pathSegment(conversation.value()) + "/messages" + query.toQueryString();
    return rest.authorized("GET", path, null, HttpJson.type(HistoryPage.class));
  }

  /** The conversations this account belongs to (blocking). */
  public List<ConversationSummary> conversations() {
    return rest.authorized("GET", "v1/conversations", null, HttpJson.type(CONVERSATIONS));
  }

  /** The direct conversation between this account and {@code other}; no server call needed. */
  public ConversationId directConversationWith(AccountId other) {
    var me = session.current().orElseThrow(() -> new IllegalStateException("not signed in")).accountId();
    return ConversationId.direct(me, other);
  }

  /**
   * Flushes pending acks, closes the socket with 1000, fails sends still waiting with
   * {@link ParleyClosedException} (their entries stay in the outbox) and stops the SDK's threads.
   * Queued listener events still run. Waits up to five seconds; idempotent. The client cannot be
   * used afterwards; the session store is left as it is.
   */
  @Override
  public void close() {
    // Callbacks already queued run first, so acks the app makes in them go out before the socket closes.
    events.drain(java.time.Duration.ofSeconds(5));
    try {
      connection.close().get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Closing is best effort: the threads below are stopped either way.
    }
    loop.shutdownNow();
    events.shutdown();
    io.shutdown();
    if (ownsHttp) {
      http.shutdown();
    }
  }

  // A method, not a lambda over the field, because the session is built before the connection.
  private void sessionRevoked(ErrorCode code) {
    connection.sessionRevoked(code);
  }

  private CompletableFuture<SendResult> perDevice(
      ConversationId conversation, Function<DeviceRef, String> encryptFor, boolean refresh) {
    return CompletableFuture.supplyAsync(() -> {
      var me = session.current().orElseThrow(() -> new IllegalStateException("not signed in"));
      var payloads = new ArrayList<DevicePayload>();
      for (var device : directory.recipients(conversation, me.accountId(), me.deviceId(), refresh)) {
        payloads.add(new DevicePayload(device.accountId(), device.deviceId(), encryptFor.apply(device)));
      }
      return payloads;
    }, io).thenCompose(payloads -> enqueue(conversation, null, payloads));
  }

  private CompletableFuture<SendResult> enqueue(ConversationId conversation, String payload, List<DevicePayload> payloads) {
    var future = new CompletableFuture<SendResult>();
    var entry = new OutboxEntry(UUID.randomUUID().toString(), conversation, payload, payloads, clock.instant());
    if (tooLarge(payload) || (payloads != null && payloads.stream().anyMatch(p -> tooLarge(p.payload())))) {
      future.complete(new SendRefused(entry.clientMessageId(), conversation, ErrorCode.PAYLOAD_TOO_LARGE,
          "a payload is over " + Limits.MAX_PAYLOAD_BYTES + " bytes", null));
      return future;
    }
    connection.send(entry, future);
    return future;
  }

  private static boolean tooLarge(String payload) {
    // Cheap bound first: a UTF-8 char is at most 3 bytes per UTF-16 unit.
    return payload != null && payload.length() * 3L > Limits.MAX_PAYLOAD_BYTES
        && payload.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PAYLOAD_BYTES;
  }

  private static URI socketUri(URI base) {
    var scheme = switch (base.getScheme()) {
      case "https", "wss" -> "wss";
      case "http", "ws" -> "ws";
      default -> throw new IllegalArgumentException("server URI must be http(s) or ws(s): " + base);
    };
    return URI.create(scheme + base.toString().substring(base.getScheme().length())).resolve("v1/ws");
  }

  /** Configures a {@link ParleyClient}. Not thread-safe; every setting has a working default. */
  public static final class Builder {
    private final URI server;
    private SessionStore sessionStore = new MemorySessionStore();
    private Outbox outbox = new MemoryOutbox();
    private ClientListener listener = ClientListener.NONE;
    private boolean autoAck;
    private Duration minBackoff = ClientConfig.DEFAULT_MIN_BACKOFF;
    private Duration maxBackoff = ClientConfig.DEFAULT_MAX_BACKOFF;
    private Duration ackDelay = ClientConfig.DEFAULT_ACK_DELAY;
    private int maxAckBatch = ClientConfig.DEFAULT_MAX_ACK_BATCH;
    private int dedupeCapacity = ClientConfig.DEFAULT_DEDUPE_CAPACITY;
    private Duration pingInterval = ClientConfig.DEFAULT_PING_INTERVAL;
    private Duration connectTimeout = ClientConfig.DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = ClientConfig.DEFAULT_REQUEST_TIMEOUT;
    private InstantSource clock = InstantSource.system();
    private HttpClient httpClient;
    private Transport transport;

    private Builder(URI server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /** Where the session lives; default {@link MemorySessionStore} (forgotten on exit). */
    public Builder sessionStore(SessionStore sessionStore) {
      this.sessionStore = Objects.requireNonNull(sessionStore, "sessionStore");
      return this;
    }

    /** Where unanswered sends wait; default {@link MemoryOutbox}. */
    public Builder outbox(Outbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    public Builder listener(ClientListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Ack each message as soon as {@link ClientListener#onMessage} returns, for apps whose callback
     * finishes handling the message. Default false: the app calls {@link IncomingMessage#ack()}.
     */
    public Builder autoAck(boolean autoAck) {
      this.autoAck = autoAck;
      return this;
    }

    /** Reconnect delays double from {@code min} up to {@code max}; default 250 ms to 30 s. */
    public Builder reconnectBackoff(Duration min, Duration max) {
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    /** How long an ack may wait to share a frame (default 25 ms), and the most per frame (default 64). */
    public Builder ackBatching(Duration delay, int maxBatch) {
      this.ackDelay = delay;
      this.maxAckBatch = maxBatch;
      return this;
    }

    /** How many recent message ids are remembered to drop duplicates; default 10,000. */
    public Builder dedupeCapacity(int capacity) {
      this.dedupeCapacity = capacity;
      return this;
    }

    /** How often an idle socket is pinged; a socket silent for two intervals is dropped. Default 30 s. */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = interval;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** The clock that decides when the access token is about to expire; for tests. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** An HttpClient to share (proxy, TLS settings); the client does not shut a shared one down. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Replaces the WebSocket transport. <b>For tests</b>: to drop connections at chosen moments or
     * to run without a network. Not a stable API.
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** @throws IllegalArgumentException naming the first invalid setting */
    public ParleyClient build() {
      return new ParleyClient(this);
    }

    ClientConfig config() {
      return new ClientConfig(minBackoff, maxBackoff, ackDelay, maxAckBatch, dedupeCapacity, pingInterval,
          ClientConfig.DEFAULT_AUTH_TIMEOUT, connectTimeout, requestTimeout, ClientConfig.DEFAULT_REFRESH_AHEAD, autoAck);
    }
  }
}
