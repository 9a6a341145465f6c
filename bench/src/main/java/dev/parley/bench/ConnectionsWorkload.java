package dev.parley.bench;

import dev.parley.protocol.frame.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code connections}: N authenticated idle sockets. The server's heap after a full GC and its RSS
 * are taken before and after, and its CPU over an idle period with heartbeats. Sockets beyond
 * {@code --per-process} go to bench worker processes, because one process may hold at most 20,000
 * file descriptors here.
 */
@Command(name = "connections", mixinStandardHelpOptions = true, description = "Memory and idle CPU of N authenticated sockets.")
final class ConnectionsWorkload extends Workload {
  @Mixin
  BenchOptions options;

  @Option(names = "--count", defaultValue = "1000", description = "Sockets (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--per-process", defaultValue = "8000", description = "Most sockets one bench process holds (default: ${DEFAULT-VALUE}).")
  int perProcess;

  @Option(names = "--idle-seconds", defaultValue = "35",
      description = "Idle period over which server CPU is measured; covers a heartbeat round at the default 30 s (default: ${DEFAULT-VALUE}).")
  int idleSeconds;

  @Override
  BenchOptions options() {
    return options;
  }

  @Override
  Report run(Target target) throws Exception {
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("count", count);
    parameters.put("idleSeconds", idleSeconds);
    options.describe(parameters);
    var report = new Report("connections", parameters);

    var tokens = target.provisioner.accounts(count).stream().map(s -> s.accessToken()).toList();
    var heapBefore = target.server.heapAfterGcBytes();
    var rssBefore = target.server.rssBytes();
    var closes = new AtomicLong();
    var workers = new ArrayList<WorkerProcess>();
    long started = System.nanoTime();
    try (var fleet = new Fleet(options.clientThreads)) {
      int local = Math.min(count, perProcess);
      for (int from = local; from < count; from += perProcess) {
        workers.add(WorkerProcess.start(target, tokens.subList(from, Math.min(count, from + perProcess)), options));
      }
      fleet.connectAll(target.server.url(), tokens.subList(0, local), new BenchSocket.Listener() {
        @Override
        public void onFrame(BenchSocket socket, ServerFrame frame, long receivedNanos) {}

        @Override
        public void onClose(BenchSocket socket, Short code) {
          closes.incrementAndGet();
        }
      }, Duration.ofMinutes(10));
      int connected = local;
      for (var worker : workers) {
        connected += worker.awaitConnected(Duration.ofMinutes(10));
      }
      double connectSeconds = (System.nanoTime() - started) / 1e9;
      System.err.printf("bench: %,d sockets connected in %.1f s; idle for %d s%n", connected, connectSeconds, idleSeconds);
      ServerProcess.sleep(2000);
      var rssConnected = target.server.rssBytes();
      long cpuBefore = target.server.cpuNanos() == null ? 0 : target.server.cpuNanos();
      long idleStart = System.nanoTime();
      target.startJfr(options);
      ServerProcess.sleep(idleSeconds * 1000L);
      target.stopJfr(options);
      Long cpuAfter = target.server.cpuNanos();
      double idleCpu = cpuAfter == null ? Double.NaN : (cpuAfter - cpuBefore) * 100.0 / (System.nanoTime() - idleStart);
      var heapAfter = target.server.heapAfterGcBytes();
      var rssAfter = target.server.rssBytes();
      long stillOpen = local - closes.get();
      for (var worker : workers) {
        stillOpen += worker.stop();
      }

      report.put("connected", connected)
          .put("stillOpenAfterIdle", stillOpen)
          .put("connectsPerSecond", Math.round(connected / connectSeconds))
          .put("bytesPerConnection", perConnection(heapBefore, heapAfter))
          .put("rssBytesPerConnection", perConnection(rssBefore, rssAfter))
          .put("serverHeapAfterGcBeforeBytes", heapBefore)
          .put("serverHeapAfterGcAfterBytes", heapAfter)
          .put("serverRssBeforeBytes", rssBefore)
          .put("serverRssConnectedBytes", rssConnected)
          .put("serverRssBytes", rssAfter)
          .put("idleServerCpuPercent", Double.isNaN(idleCpu) ? null : Math.round(idleCpu * 100) / 100.0);
      if (connected < count) {
        report.fail((count - connected) + " sockets did not connect");
      }
      if (stillOpen < count) {
        report.fail((count - stillOpen) + " sockets were closed while idle");
      }
    } finally {
      workers.forEach(WorkerProcess::kill);
    }
    return report;
  }

  private Long perConnection(Long before, Long after) {
    return before == null || after == null ? null : Math.round((after - before) / (double) count);
  }

  /** A bench worker JVM holding a share of the sockets ({@link Worker}); talks over its stdin/stdout. */
  static final class WorkerProcess {
    private final Process process;
    private final BufferedReader out;
    private final Path tokens;

    private WorkerProcess(Process process, Path tokens) {
      this.process = process;
      this.tokens = tokens;
      this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static WorkerProcess start(Target target, List<String> tokens, BenchOptions options) throws IOException {
      var file = Files.createTempFile("parley-bench-tokens-", ".txt");
      Files.write(file, tokens);
      var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      var process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          BenchMain.class.getName(), "worker", "--server", target.server.url().toString(), "--tokens", file.toString(),
          "--client-threads", "1")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new WorkerProcess(process, file);
    }

    /** Waits for the worker's {@code connected N} line. */
    int awaitConnected(Duration timeout) throws IOException {
      var line = readLine(timeout);
      if (line == null || !line.startsWith("connected ")) {
        throw new IOException("bench worker failed: " + line);
      }
      return Integer.parseInt(line.substring("connected ".length()).strip());
    }

    /** Asks the worker to close its sockets; returns how many were still open. */
    long stop() throws IOException {
      var in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      in.write("stop\n");
      in.flush();
      var line = readLine(Duration.ofSeconds(60));
      return line != null && line.startsWith("open ") ? Long.parseLong(line.substring(5).strip()) : 0;
    }

    private String readLine(Duration timeout) throws IOException {
      // Bounded: a reader thread per call, so a hung worker cannot hang the bench.
      var result = new java.util.concurrent.CompletableFuture<String>();
      Thread.ofVirtual().start(() -> {
        try {
          result.complete(out.readLine());
        } catch (IOException e) {
          result.completeExceptionally(e);
        }
      });
      try {
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        throw new IOException("no answer from the bench worker within " + timeout.toSeconds() + " s", e);
      }
    }

    void kill() {
      process.destroyForcibly();
      try {
        Files.deleteIfExists(tokens);
      } catch (IOException e) {
        // A temp file left behind is harmless.
      }
    }
  }
}
