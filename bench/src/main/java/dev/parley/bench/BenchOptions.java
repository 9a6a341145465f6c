package dev.parley.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every workload shares: which server, which store, where the figures go. */
final class BenchOptions {
  enum StoreKind { SQLITE, POSTGRES }

  /** The database of a forked server. */
  static final class Store {
    StoreKind kind = StoreKind.SQLITE;
    String url = "jdbc:postgresql://127.0.0.1:5432/postgres";
    String user = "postgres";
  }

  final Store store = new Store();

  @Option(names = "--server", paramLabel = "URL",
      description = "Drive a running server (e.g. http://127.0.0.1:8080) instead of forking one. Needs --admin-token.")
  String serverUrl;

  @Option(names = "--admin-token", paramLabel = "TOKEN", description = "The running server's admin.token.")
  String adminToken;

  @Option(names = "--server-pid", paramLabel = "PID", defaultValue = "-1",
      description = "Pid of the running server, for its memory and CPU figures.")
  long serverPid;

  @Option(names = "--store", paramLabel = "sqlite|postgres", defaultValue = "sqlite",
      description = "Database of the forked server (default: ${DEFAULT-VALUE}).")
  void store(String kind) {
    store.kind = switch (kind) {
      case "sqlite" -> StoreKind.SQLITE;
      case "postgres" -> StoreKind.POSTGRES;
      default -> throw new IllegalArgumentException("--store is sqlite or postgres, not " + kind);
    };
  }

  @Option(names = "--store-url", paramLabel = "JDBC-URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/postgres",
      description = "PostgreSQL for --store postgres; the bench creates a fresh schema there and drops it afterwards.")
  void storeUrl(String url) {
    store.url = url;
  }

  @Option(names = "--store-user", paramLabel = "NAME", defaultValue = "postgres", description = "PostgreSQL user.")
  void storeUser(String user) {
    store.user = user;
  }

  @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "5", converter = AtLeastOne.class,
      description = "At most N warm-up rounds (N >= 1; --warmup-messages 0 turns warm-up off): they repeat while the"
          + " server's JIT compilers take 10 %% or more of its CPU in a round (default: ${DEFAULT-VALUE}).")
  int warmupRounds;

  /** A count that must be at least 1. */
  static final class AtLeastOne implements picocli.CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a whole number");
      }
      if (n < 1) {
        throw new picocli.CommandLine.TypeConversionException("must be at least 1, got " + n);
      }
      return n;
    }
  }

  @Option(names = "--server-java-opts", paramLabel = "OPTS", defaultValue = "",
      description = "JVM options of the forked server, space-separated (e.g. \"-Xmx1g\").")
  String serverJavaOpts;

  @Option(names = "--server-arg", paramLabel = "ARG", description = "Extra argument for the forked server (repeatable), e.g. --server-arg=--store.batch-max=256.")
  List<String> serverArgs = new ArrayList<>();

  @Option(names = "--server-classpath", paramLabel = "CP", description = "Classpath of the forked server (default: server/target/parley-server.jar and its lib/).")
  String serverClasspath;

  @Option(names = "--client-threads", paramLabel = "N", defaultValue = "2", description = "Event loops of the load generator (default: ${DEFAULT-VALUE}).")
  int clientThreads;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as one JSON object to FILE.")
  Path json;

  @Option(names = "--jfr", paramLabel = "FILE", description = "Record the server's measured phase with Java Flight Recorder (profile settings) into FILE.")
  Path jfr;

  List<String> serverJavaOptions() {
    return serverJavaOpts.isBlank() ? List.of() : Arrays.asList(serverJavaOpts.strip().split("\\s+"));
  }

  /** The parameters every report carries, beside the workload's own. */
  void describe(java.util.Map<String, Object> parameters) {
    parameters.put("store", serverUrl != null ? "external" : store.kind.name().toLowerCase(java.util.Locale.ROOT));
    parameters.put("clientThreads", clientThreads);
    parameters.put("warmupRoundsMax", warmupRounds);
    if (!serverArgs.isEmpty()) {
      parameters.put("serverArgs", serverArgs);
    }
    if (!serverJavaOpts.isBlank()) {
      parameters.put("serverJavaOpts", serverJavaOpts);
    }
  }
}
