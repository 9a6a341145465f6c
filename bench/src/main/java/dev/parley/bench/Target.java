package dev.parley.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The server a run drives: by default a fresh server in its own JVM on a temporary data directory
 * (and, on PostgreSQL, a fresh schema), stopped and cleaned up afterwards; with {@code --server URL}
 * one that is already running.
 */
final class Target implements AutoCloseable {
  final ServerProcess server;
  final String adminToken;
  final Provisioner provisioner;
  private final Path dataDir; // null when the bench did not create it
  private final BenchOptions.Store store;
  private final String schema; // null unless the bench created a PostgreSQL schema

  private Target(ServerProcess server, String adminToken, Path dataDir, BenchOptions.Store store, String schema) {
    this.server = server;
    this.adminToken = adminToken;
    this.dataDir = dataDir;
    this.store = store;
    this.schema = schema;
    this.provisioner = new Provisioner(server.url(), adminToken);
  }

  static Target open(BenchOptions options) throws IOException {
    if (options.serverUrl != null) {
      if (options.adminToken == null) {
        throw new IllegalArgumentException("--server needs --admin-token (the server's admin.token)");
      }
      return new Target(ServerProcess.external(URI.create(options.serverUrl), options.serverPid), options.adminToken, null,
          null, null);
    }
    var token = HexFormat.of().formatHex(randomBytes(16));
    var dataDir = Files.createTempDirectory("parley-bench-");
    var args = new ArrayList<>(List.of("--data", dataDir.toString(), "--admin.token", token,
        // A run with 15,000 sockets can outlast the default 15 minutes of an access token.
        "--auth.access-token-ttl", "12h"));
    String schema = null;
    if (options.store.kind == BenchOptions.StoreKind.POSTGRES) {
      schema = "bench_" + HexFormat.of().formatHex(randomBytes(6));
      args.addAll(List.of("--store", "postgres", "--store.url", options.store.url, "--store.schema", schema));
      if (!options.store.user.isEmpty()) {
        args.addAll(List.of("--store.user", options.store.user));
      }
    }
    args.addAll(options.serverArgs);
    var log = dataDir.resolve("server.log");
    System.err.println("bench: starting a server (data " + dataDir + (schema == null ? "" : ", schema " + schema) + ", log " + log + ")");
    var process = ServerProcess.fork(serverClasspath(options), options.serverJavaOptions(), args, log);
    return new Target(process, token, dataDir, options.store, schema);
  }

  /**
   * The server's classpath: server/target/parley-server.jar with server/target/lib beside the bench
   * jar's module, else the server jar and libraries the bench carries in its own lib/.
   */
  static String serverClasspath(BenchOptions options) {
    if (options.serverClasspath != null) {
      return options.serverClasspath;
    }
    var benchJar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toAbsolutePath();
    var moduleTarget = benchJar.getParent();
    var serverJar = moduleTarget.resolveSibling("../server/target/parley-server.jar").normalize();
    if (Files.exists(serverJar)) {
      return serverJar + File.pathSeparator + serverJar.resolveSibling("lib") + File.separator + "*";
    }
    return System.getProperty("java.class.path");
  }

  /** Starts a JFR recording of the server (profile settings) when {@code --jfr} asks for one. */
  void startJfr(BenchOptions options) {
    if (options.jfr != null && server.isMeasurable()) {
      System.err.println("bench: " + server.jcmd("JFR.start", "name=parley-bench", "settings=profile",
          "filename=" + options.jfr.toAbsolutePath()).strip().replace('\n', ' '));
    }
  }

  void stopJfr(BenchOptions options) {
    if (options.jfr != null && server.isMeasurable()) {
      server.jcmd("JFR.stop", "name=parley-bench");
      System.err.println("bench: flight recording in " + options.jfr.toAbsolutePath());
    }
  }

  @Override
  public void close() {
    server.close();
    if (schema != null) {
      try (var c = DriverManager.getConnection(store.url, store.user, "");
          var s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        System.err.println("bench: could not drop schema " + schema + ": " + e.getMessage());
      }
    }
    if (dataDir != null && !Boolean.getBoolean("parley.bench.keepData")) {
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
    }
  }

  static byte[] randomBytes(int n) {
    var bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
