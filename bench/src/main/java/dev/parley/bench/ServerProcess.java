package dev.parley.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The server under test, seen from outside as an operating-system process: started as its own JVM
 * (or an already running one, known by pid), measured through {@code /proc} and {@code jcmd}, and
 * stopped with SIGTERM. Measuring from outside keeps the load generator's own memory and CPU out
 * of the server's figures.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total(?: reserved)? \\d+K, (?:committed \\d+K, )?used (\\d+)K");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process; // null for a server the bench did not start
  private final long pid;
  private final URI url;

  private ServerProcess(Process process, long pid, URI url) {
    this.process = process;
    this.pid = pid;
    this.url = url;
  }

  /** A running server the bench only observes; {@code pid} may be -1 (then no memory or CPU figures). */
  static ServerProcess external(URI url, long pid) {
    return new ServerProcess(null, pid, url);
  }

  /** Forks {@code java -cp CLASSPATH dev.parley.server.Main server --port P ...} and waits until it is ready. */
  static ServerProcess fork(String classpath, List<String> jvmOptions, List<String> serverArgs, Path log) throws IOException {
    int port = freePort();
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, "dev.parley.server.Main", "server", "--host", "127.0.0.1", "--port", String.valueOf(port)));
    command.addAll(serverArgs);
    Files.createDirectories(log.getParent());
    var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    var server = new ServerProcess(process, process.pid(), URI.create("http://127.0.0.1:" + port));
    try {
      server.awaitReady(log);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady(Path log) throws IOException {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + " before it was ready; see " + log);
      }
      try {
        var response = http.send(HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for the server", e);
      }
      sleep(200);
    }
    throw new IOException("the server was not ready within " + START_TIMEOUT.toSeconds() + " s; see " + log);
  }

  URI url() {
    return url;
  }

  long pid() {
    return pid;
  }

  boolean isMeasurable() {
    return pid > 0 && Files.exists(Path.of("/proc", String.valueOf(pid)));
  }

  /** Resident set size from {@code /proc/PID/status} (VmRSS), or null if the process is not measurable. */
  Long rssBytes() {
    if (!isMeasurable()) {
      return null;
    }
    try {
      for (var line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** CPU time (user + system) consumed so far, in nanoseconds, from {@code /proc/PID/stat}. */
  Long cpuNanos() {
    return isMeasurable() ? cpuNanosOf(pid) : null;
  }

  /** CPU time (user + system) of process {@code pid} so far, in nanoseconds; null if unreadable. */
  static Long cpuNanosOf(long pid) {
    try {
      var stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (clock ticks, 100 Hz on Linux).
      var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * CPU time so far, in nanoseconds, of the server in all, in its JIT compilers and in its committer
   * thread, and of this load generator's own process; each null where unreadable.
   */
  record CpuTimes(Long total, Long jit, Long committer, Long loadGenerator) {}

  CpuTimes cpuTimes() {
    // "parley-committer" as the kernel keeps thread names: 15 characters.
    return new CpuTimes(cpuNanos(), jitCpuNanos(), threadsCpuNanos(name -> name.equals("parley-committe")),
        cpuNanosOf(ProcessHandle.current().pid()));
  }

  /**
   * CPU time of the JIT compiler threads: a measured round in which they are still busy measures a
   * server that is still warming up.
   */
  Long jitCpuNanos() {
    return threadsCpuNanos(name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
  }

  /**
   * CPU time so far of the process's threads whose name (as the kernel keeps it: the first 15
   * characters) matches, in nanoseconds, from {@code /proc/PID/task/TID/schedstat} (nanoseconds on a
   * CPU, where {@code stat} counts 10 ms ticks: too coarse for one thread over a short round); null if
   * the process is not measurable.
   */
  Long threadsCpuNanos(Predicate<String> name) {
    if (!isMeasurable()) {
      return null;
    }
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      long nanos = 0;
      for (var task : tasks.toList()) {
        try {
          if (name.test(Files.readString(task.resolve("comm")).strip())) {
            var schedstat = Files.readString(task.resolve("schedstat"));
            nanos += Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')));
          }
        } catch (IOException e) {
          // the thread ended
        }
      }
      return nanos;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Waits, at most {@code max}, until the JIT compilers used under 5 % of a core over the last second,
   * and returns the seconds waited (0 if the server is not measurable). A round that starts while they
   * still compile what the phase before it ran (the connects' token checks, the fill's sends) is
   * charged for those compiles. Compiles the round itself sets off are what the warm-up rounds are for.
   */
  double awaitJitQuiet(Duration max) {
    long started = System.nanoTime();
    var before = jitCpuNanos();
    while (before != null && System.nanoTime() - started < max.toNanos()) {
      sleep(1000);
      var after = jitCpuNanos();
      if (after == null || after - before < 50_000_000L) {
        break;
      }
      before = after;
    }
    return before == null ? 0 : Math.round((System.nanoTime() - started) / 1e7) / 100.0;
  }

  /**
   * Live heap: a full GC ({@code jcmd PID GC.run}), then the used heap from {@code GC.heap_info}. The
   * attach costs tens of milliseconds; call it between phases, never during a timed one.
   */
  Long heapAfterGcBytes() {
    if (!isMeasurable()) {
      return null;
    }
    jcmd("GC.run");
    var matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
    return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : null;
  }

  /** Runs a jcmd diagnostic command against the server (JFR.start, Thread.print...). */
  String jcmd(String... command) {
    var args = new ArrayList<String>();
    args.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    args.add(String.valueOf(pid));
    args.addAll(List.of(command));
    try {
      var p = new ProcessBuilder(args).redirectErrorStream(true).start();
      var out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Stops a server the bench started: SIGTERM (graceful), then SIGKILL after 20 s. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
