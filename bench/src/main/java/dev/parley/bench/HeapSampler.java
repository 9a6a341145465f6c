package dev.parley.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the server's used heap every 100 ms with {@code jstat -gc} (it reads the JVM's shared
 * performance counters: no safepoint, no attach), keeping the peak: young + survivor + old used.
 * A sampled peak depends on when the GC ran; it is an upper bound on live data, not a measure of it.
 */
final class HeapSampler implements AutoCloseable {
  private final Process process;
  private final Thread reader;
  private final AtomicLong peak = new AtomicLong(-1);

  private HeapSampler(Process process) {
    this.process = process;
    this.reader = Thread.ofPlatform().daemon().name("parley-bench-jstat").start(this::read);
  }

  /** A sampler, or a do-nothing one when the server's pid is unknown. */
  static HeapSampler start(ServerProcess server) throws IOException {
    if (!server.isMeasurable()) {
      return new HeapSampler(null);
    }
    var jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
    return new HeapSampler(new ProcessBuilder(List.of(jstat, "-gc", String.valueOf(server.pid()), "100"))
        .redirectErrorStream(true).start());
  }

  private void read() {
    if (process == null) {
      return;
    }
    try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
      List<String> header = null;
      String line;
      while ((line = lines.readLine()) != null) {
        var cells = List.of(line.strip().split("\\s+"));
        if (cells.contains("EU")) {
          header = cells;
          continue;
        }
        if (header == null || cells.size() != header.size()) {
          continue;
        }
        double kib = 0;
        for (var column : List.of("S0U", "S1U", "EU", "OU")) {
          kib += Double.parseDouble(cells.get(header.indexOf(column)));
        }
        long bytes = (long) (kib * 1024);
        peak.accumulateAndGet(bytes, Math::max);
      }
    } catch (IOException | RuntimeException e) {
      // The sampler ends with the process; a partial line at that moment is of no interest.
    }
  }

  /**
   * Waits, up to {@code timeout}, until jstat has taken its first sample, then forgets what it saw.
   * jstat is a JVM of its own: its start takes a few hundred milliseconds of CPU on the two cores the
   * server runs on, so it is started and warmed before the measured phase, not in it.
   */
  void awaitFirstSampleAndReset(Duration timeout) throws InterruptedException {
    if (process != null) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (peak.get() < 0 && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    peak.set(-1);
  }

  /** The highest used heap seen, or null if nothing was sampled. */
  Long peakBytes() {
    return peak.get() < 0 ? null : peak.get();
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        reader.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
