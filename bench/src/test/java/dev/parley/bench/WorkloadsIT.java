package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each workload at a tiny size against a forked server (server/target/parley-server.jar, built
 * earlier in the reactor): the bench starts, drives, measures and stops a real server, and reports
 * no loss. Sizes are kept small so {@code ./mvnw verify} stays fast.
 */
class WorkloadsIT {
  @TempDir
  Path dir;

  @Test
  void directDeliversEveryMessageOnceAtAFixedRate() throws Exception {
    var json = dir.resolve("direct.json");

    // No --warmup-messages: the warm-up rounds are as long as the measured one.
    var log = dir.resolve("latencies.txt");
    int exit = BenchMain.execute("direct", "--pairs", "4", "--messages", "400", "--rate", "400", "--warmup-rounds", "2", "--json", json.toString(),
        "--latency-log", log.toString());

    assertThat(exit).isZero();
    var report = Json.mapper().readTree(json.toFile());
    assertThat(report.path("parameters").path("warmupMessages").asLong()).isEqualTo(400);
    assertThat(report.path("lost").asLong()).isZero();
    assertThat(report.path("duplicated").asLong()).isZero();
    assertThat(report.path("latencyMs").path("p99").asDouble()).isPositive();
    assertThat(report.path("deliveredPerSecond").asDouble()).isPositive();
    // paced, not sent at once: the last of 400 messages at 400/s is due 0.9975 s after the first
    assertThat(report.path("elapsedSeconds").asDouble()).isGreaterThanOrEqualTo(0.99);
    assertThat(report.path("serverCpuMicrosPerMessage").asDouble()).isPositive();
    assertThat(report.path("loadGeneratorCpuMicrosPerMessage").asDouble()).isPositive();
    assertThat(report.path("committerCpuMicrosPerMessage").asDouble()).isPositive();
    assertThat(report.path("serverJitSharePercent").isNumber()).isTrue();
    assertThat(report.path("serverJitSharePercent").asDouble()).isBetween(0.0, 100.0);
    // one line per measured message of the measured round (the first 10 % of each pair's are left out), in due order
    var lines = Files.readAllLines(log);
    assertThat(lines).hasSize((int) report.path("latencySamples").asLong()).hasSize(4 * 90);
    assertThat(lines).allSatisfy(line -> assertThat(line).matches("\\d{13} \\d+ [0-3] \\d+"));
    var due = lines.stream().mapToLong(line -> Long.parseLong(line.split(" ")[0])).toArray();
    assertThat(due).isSorted();
    assertThat(due[0]).isCloseTo(System.currentTimeMillis(), within(600_000L));
  }

  @Test
  void groupFansEveryMessageOutToEveryMember() throws Exception {
    var json = dir.resolve("group.json");

    int exit = BenchMain.execute("group", "--members", "5", "--messages", "10", "--rate", "50", "--warmup-messages", "50",
        "--warmup-rounds", "2", "--json", json.toString());

    assertThat(exit).isZero();
    var report = Json.mapper().readTree(json.toFile());
    assertThat(report.path("lost").asLong()).isZero();
    assertThat(report.path("latencyMs").path("max").asDouble()).isPositive();
  }

  @Test
  void backlogDrainsToCaughtUp() throws Exception {
    var json = dir.resolve("backlog.json");

    // No --warmup-messages: the warm-up backlogs are as large as the measured one.
    int exit = BenchMain.execute("backlog", "--messages", "500", "--warmup-rounds", "2", "--json", json.toString());

    assertThat(exit).isZero();
    var report = Json.mapper().readTree(json.toFile());
    assertThat(report.path("parameters").path("warmupMessages").asInt()).isEqualTo(500);
    assertThat(report.path("lost").asLong()).isZero();
    assertThat(report.path("drainSeconds").asDouble()).isPositive();
    // Each round reports its JIT share (the loop itself is WorkloadTest's); two rounds got accounts of their own.
    assertThat(report.path("warmupRounds").asInt()).isBetween(1, 2);
    assertThat(report.path("warmupJitSharePercent").size()).isEqualTo(report.path("warmupRounds").asInt());
  }

  @Test
  void connectionsHoldsSocketsAcrossAWorkerProcess() throws Exception {
    var json = dir.resolve("connections.json");

    // 30 sockets, at most 20 per process: one worker JVM holds the other 10.
    int exit = BenchMain.execute("connections", "--count", "30", "--per-process", "20", "--idle-seconds", "1",
        "--json", json.toString());

    assertThat(exit).isZero();
    var report = Json.mapper().readTree(json.toFile());
    assertThat(report.path("connected").asInt()).isEqualTo(30);
    assertThat(report.path("stillOpenAfterIdle").asInt()).isEqualTo(30);
    assertThat(report.path("serverRssBytes").asLong()).isPositive();
    assertThat(report.has("bytesPerConnection")).isTrue();
  }

  @Test
  void connectionsDrivesARunningServerGivenByUrl() throws Exception {
    // given: a server the bench did not start (issue 6: this mode was reported to open no sockets)
    var adminToken = "workloads-it-admin-token";
    try (var server = ServerProcess.fork(Target.serverClasspath(new BenchOptions()), List.of(),
        List.of("--data", dir.resolve("data").toString(), "--admin.token", adminToken), dir.resolve("server.log"))) {
      var json = dir.resolve("external.json");

      // when
      int exit = BenchMain.execute("connections", "--count", "10", "--idle-seconds", "1", "--server", server.url().toString(),
          "--admin-token", adminToken, "--server-pid", Long.toString(server.pid()), "--json", json.toString());

      // then
      assertThat(exit).isZero();
      var report = Json.mapper().readTree(json.toFile());
      assertThat(report.path("parameters").path("store").asText()).isEqualTo("external");
      assertThat(report.path("connected").asInt()).isEqualTo(10);
      assertThat(report.path("stillOpenAfterIdle").asInt()).isEqualTo(10);
      assertThat(report.path("bytesPerConnection").isNumber()).isTrue();
    }
  }
}
