package dev.parley.server;

import dev.parley.protocol.DeviceId;
import dev.parley.server.account.AccountModule;
import dev.parley.server.account.AccountService;
import dev.parley.server.account.DeviceListener;
import dev.parley.server.account.http.AccountRoutes;
import dev.parley.server.account.http.AdminRoutes;
import dev.parley.server.cluster.LocalRouter;
import dev.parley.server.config.ParleyConfig;
import dev.parley.server.edge.ClientFrameHandler;
import dev.parley.server.edge.CloseCodes;
import dev.parley.server.edge.HttpEdge;
import dev.parley.server.edge.Lifecycle;
import dev.parley.server.edge.SocketRegistry;
import dev.parley.server.edge.SocketTransports;
import dev.parley.server.edge.WebSocketEndpoint;
import dev.parley.server.groups.GroupRules;
import dev.parley.server.groups.GroupService;
import dev.parley.server.groups.MembershipService;
import dev.parley.server.groups.http.GroupRoutes;
import dev.parley.server.groups.sql.SqlConversationStore;
import dev.parley.server.http.RestRoutes;
import dev.parley.server.messaging.MessageStore;
import dev.parley.server.messaging.MessagingService;
import dev.parley.server.messaging.http.ConversationRoutes;
import dev.parley.server.messaging.sql.SqlGroupEventAppender;
import dev.parley.server.messaging.sql.SqlMessageStore;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every capability from its configuration, wires them together, and
 * owns their shutdown. Start order: listen (health says starting), open and migrate the database,
 * build the capabilities, mount their routes, then ready. Stop order is the reverse, so that writes
 * already acknowledged are committed before the database closes.
 */
public final class ParleyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
  public static final String VERSION = "0.1.0";
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final Transport transport;
  private final HttpEdge edge;
  private final Lifecycle lifecycle;
  private final ExecutorService blocking;
  private final Database db;
  private final GroupCommitter committer;
  private final SocketRegistry sockets;
  private final MessageStore messageStore;
  private final AccountService accounts;
  private final int port;
  private final URI url;

  private ParleyServer(ParleyConfig config) {
    var clock = InstantSource.system();
    lifecycle = new Lifecycle();
    // The edge runs one HTTP server per event loop (HttpEdge), so the pool has edge.event-loops of them.
    transport = SocketTransports.choose(config.edge().transport());
    vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(config.edge().eventLoops())).withTransport(transport).build();
    blocking = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("parley-edge-blocking-", 0).factory());
    edge = new HttpEdge(config.edge(), vertx, lifecycle, VERSION);
    try {
      db = Database.open(config.store());
      committer = new GroupCommitter(db, config.store().batchMax(), GroupCommitter.BatchListener.NONE);
      sockets = new SocketRegistry();
      var router = new LocalRouter(sockets);
      var sqlMessages = new SqlMessageStore(db, committer, clock);
      messageStore = sqlMessages;
      accounts = AccountModule.create(config, db, committer, deviceEvents(), clock);
      var conversations = new SqlConversationStore(db, committer, new SqlGroupEventAppender(sqlMessages, router),
          accounts::deviceIds, clock);
      var membership = new MembershipService(conversations, accounts::exists, clock);
      var groups = new GroupService(conversations, membership, new GroupRules(config.groups().maxMembers(), accounts::exists), clock);
      var messaging = new MessagingService(messageStore, membership, accounts::deviceIds, router, clock);
      var rest = new RestRoutes(accounts::authenticate, blocking);
      var webSockets = new WebSocketEndpoint(config.edge(), accounts::authenticate, messageStore,
          new ClientFrameHandler(messaging, clock), sockets, accounts::deviceSeen, config.messaging().window(), blocking, clock);
      edge.mount(List.of(
          new AccountRoutes(accounts, rest)::mount,
          new AdminRoutes(accounts.provisioning(), config.admin(), rest)::mount,
          new ConversationRoutes(messaging, membership, rest)::mount,
          new GroupRoutes(groups, rest)::mount,
          new LandingPage(VERSION)::mount), webSockets);
      port = edge.listen();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    url = URI.create(config.edge().publicUrl().isEmpty() ? "http://localhost:" + port : config.edge().publicUrl());
    lifecycle.ready();
  }

  /** Starts a server; returns once it is ready. Throws if the configuration or environment is unusable. */
  public static ParleyServer start(ParleyConfig config) {
    return new ParleyServer(config);
  }

  /** Device removal closes the device's socket and drops its queue. */
  private DeviceListener deviceEvents() {
    return new DeviceListener() {
      @Override
      public void deviceRemoved(DeviceId device) {
        sockets.disconnect(device, CloseCodes.DEVICE_REMOVED, "device removed");
        messageStore.dropDevice(device);
      }
    };
  }

  public int port() {
    return port;
  }

  public URI url() {
    return url;
  }

  /** The sockets' I/O: {@code io_uring}, {@code epoll} or {@code nio} (edge.transport). */
  public String transport() {
    return transport.name();
  }

  public SocketRegistry sockets() {
    return sockets;
  }

  public MessageStore messageStore() {
    return messageStore;
  }

  public AccountService accounts() {
    return accounts;
  }

  /**
   * Graceful stop: health turns 503, the server stops accepting, sockets close with 1001, every
   * queued write is committed, then the database and the event loops close.
   */
  @Override
  public void close() {
    if (lifecycle.state() == Lifecycle.State.STOPPING) {
      return;
    }
    lifecycle.stopping();
    log.info("stopping");
    edge.close(SHUTDOWN_GRACE);
    committer.close();
    blocking.shutdown();
    try {
      if (!blocking.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("some requests were still running at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    db.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("event loops did not stop cleanly: {}", e.toString());
    }
    log.info("stopped");
  }
}
