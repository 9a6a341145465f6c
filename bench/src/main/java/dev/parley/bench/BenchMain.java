package dev.parley.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./parley bench WORKLOAD [options]}: the load generator. Each workload starts a fresh server
 * in its own JVM (or drives one given with {@code --server}), prints a table and optionally writes
 * JSON; the exit code is 1 when a message was lost or duplicated. docs/performance.md has the figures.
 */
@Command(name = "parley bench", mixinStandardHelpOptions = true, version = "Parley bench 0.1.0",
    description = "Drives a Parley server through real WebSocket connections and reports throughput, latency and memory.",
    subcommands = {ConnectionsWorkload.class, DirectWorkload.class, GroupWorkload.class, BacklogWorkload.class, Worker.class})
public final class BenchMain implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    // The server jar on the classpath brings its own logback.xml; the bench logs warnings only.
    System.setProperty("logback.configurationFile", "parley-bench-logback.xml");
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    return new CommandLine(new BenchMain()).execute(args);
  }
}
