package dev.parley.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** The whole configuration, one record per capability. Immutable once built. */
public record ParleyConfig(
    Path dataDir, EdgeConfig edge, StoreConfig store, AccountConfig accounts, SmsConfig sms, MessagingConfig messaging,
    AdminConfig admin, GroupsConfig groups) {

  /** Embedded defaults on a given data directory and port: what tests and `./parley server` use. */
  public static ParleyConfig embedded(Path dataDir, int port) {
    return new ParleyConfig(
        dataDir,
        new EdgeConfig("127.0.0.1", port, "", 0, EdgeConfig.Transport.AUTO, 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(10)),
        StoreConfig.sqlite(dataDir),
        AccountConfig.DEFAULTS,
        SmsConfig.LOG,
        MessagingConfig.DEFAULTS,
        AdminConfig.DISABLED,
        GroupsConfig.DEFAULTS);
  }

  public ParleyConfig withStore(StoreConfig newStore) {
    return new ParleyConfig(dataDir, edge, newStore, accounts, sms, messaging, admin, groups);
  }

  public ParleyConfig withEdge(EdgeConfig newEdge) {
    return new ParleyConfig(dataDir, newEdge, store, accounts, sms, messaging, admin, groups);
  }

  public ParleyConfig withAccounts(AccountConfig newAccounts) {
    return new ParleyConfig(dataDir, edge, store, newAccounts, sms, messaging, admin, groups);
  }

  public ParleyConfig withSms(SmsConfig newSms) {
    return new ParleyConfig(dataDir, edge, store, accounts, newSms, messaging, admin, groups);
  }

  public ParleyConfig withMessaging(MessagingConfig newMessaging) {
    return new ParleyConfig(dataDir, edge, store, accounts, sms, newMessaging, admin, groups);
  }

  public ParleyConfig withGroups(GroupsConfig newGroups) {
    return new ParleyConfig(dataDir, edge, store, accounts, sms, messaging, admin, newGroups);
  }

  public ParleyConfig withAdmin(AdminConfig newAdmin) {
    return new ParleyConfig(dataDir, edge, store, accounts, sms, messaging, newAdmin, groups);
  }

  /** Builds and validates the configuration; the first invalid value throws {@link ConfigException}. */
  public static ParleyConfig from(ConfigValues values) {
    var dataDir = values.path("data");
    var edge = new EdgeConfig(
        values.string("host"),
        values.integer("port", 0, 65535),
        values.string("public-url"),
        values.integer("edge.event-loops", 0, 1024),
        EdgeConfig.Transport.valueOf(values.oneOf("edge.transport", Set.of("auto", "io_uring", "epoll", "nio"))
            .toUpperCase(Locale.ROOT)),
        values.integer("ws.max-frame-bytes", 4096, 64 * 1024 * 1024),
        values.duration("ws.heartbeat-interval"),
        values.duration("ws.idle-timeout"),
        values.duration("ws.auth-timeout"));
    var store = new StoreConfig(
        values.oneOf("store", Set.of("sqlite", "postgres")).equals("postgres") ? StoreConfig.Kind.POSTGRES : StoreConfig.Kind.SQLITE,
        dataDir,
        values.string("store.url"),
        values.string("store.user"),
        values.string("store.password"),
        values.string("store.schema"),
        values.integer("store.pool-size", 1, 256),
        values.oneOf("store.sqlite-sync", Set.of("full", "normal")).equals("full"),
        values.integer("store.batch-max", 1, 10_000));
    var accounts = new AccountConfig(
        values.duration("otp.ttl"),
        values.integer("otp.max-attempts", 1, 100),
        values.duration("otp.resend-interval"),
        values.duration("auth.access-token-ttl"),
        values.duration("auth.refresh-token-ttl"));
    var sms = new SmsConfig(
        values.oneOf("sms.sender", Set.of("log", "http")).equals("http") ? SmsConfig.Sender.HTTP : SmsConfig.Sender.LOG,
        values.string("sms.http.url"),
        values.string("sms.http.account"),
        values.string("sms.http.token"),
        values.string("sms.http.from"));
    var messaging = new MessagingConfig(values.integer("messaging.window", 1, 10_000));
    var admin = new AdminConfig(values.string("admin.token"));
    var groups = new GroupsConfig(values.integer("groups.max-members", 2, 100_000));
    return new ParleyConfig(dataDir, edge, store, accounts, sms, messaging, admin, groups);
  }
}
