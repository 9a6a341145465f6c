package dev.parley.bench;

import dev.parley.protocol.frame.ServerFrame;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code worker} (internal): holds a share of the {@code connections} workload's sockets in its own
 * process. Prints {@code connected N} once they are caught up, waits for {@code stop} (or end of
 * input: the parent died), prints {@code open N}, and exits.
 */
@Command(name = "worker", hidden = true)
final class Worker implements Callable<Integer> {
  @Option(names = "--server", required = true)
  URI server;

  @Option(names = "--tokens", required = true)
  Path tokens;

  @Option(names = "--client-threads", defaultValue = "1")
  int clientThreads;

  @Override
  public Integer call() throws Exception {
    var list = Files.readAllLines(tokens);
    var closes = new AtomicLong();
    try (var fleet = new Fleet(clientThreads)) {
      try {
        fleet.connectAll(server, list, new BenchSocket.Listener() {
          @Override
          public void onFrame(BenchSocket socket, ServerFrame frame, long receivedNanos) {}

          @Override
          public void onClose(BenchSocket socket, Short code) {
            closes.incrementAndGet();
          }
        }, Duration.ofMinutes(10));
      } catch (RuntimeException e) {
        System.out.println("failed " + e.getMessage());
        return 1;
      }
      System.out.println("connected " + list.size());
      System.out.flush();
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.strip().equals("stop")) {
        // Only "stop" matters.
      }
      System.out.println("open " + (list.size() - closes.get()));
      System.out.flush();
    }
    return 0;
  }
}
