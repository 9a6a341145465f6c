package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  @TempDir
  Path dir;

  @Test
  void latencyPercentilesAreReportedInMillisecondsUnderTheIssuesNames() {
    // given 1..1000 ms, one each
    var stats = new LatencyStats();
    for (int ms = 1; ms <= 1000; ms++) {
      stats.recordNanos(ms * 1_000_000L);
    }

    // when
    var summary = stats.summaryMillis();

    // then
    assertThat(summary).containsOnlyKeys("p50", "p90", "p99", "p999", "max");
    assertThat(summary.get("p50")).isCloseTo(500, org.assertj.core.data.Offset.offset(1.0));
    assertThat(summary.get("p99")).isCloseTo(990, org.assertj.core.data.Offset.offset(1.0));
    assertThat(summary.get("max")).isCloseTo(1000, org.assertj.core.data.Offset.offset(1.0));
  }

  @Test
  void aStallBeyondTheRangeIsClampedNotDropped() {
    var stats = new LatencyStats();
    stats.recordNanos(3_600_000_000_000L); // an hour

    assertThat(stats.count()).isEqualTo(1);
    assertThat(stats.summaryMillis().get("max")).isGreaterThanOrEqualTo(600_000.0);
  }

  @Test
  void jsonCarriesParametersFiguresAndFailures() throws Exception {
    // given
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("pairs", 100);
    var report = new Report("direct", parameters).put("deliveredPerSecond", 1234.5).put("lost", 2L).put("skipped", null);
    report.fail("2 messages lost");
    var file = dir.resolve("run.json");

    // when
    report.writeJson(file);

    // then
    JsonNode json = Json.mapper().readTree(file.toFile());
    assertThat(json.path("workload").asText()).isEqualTo("direct");
    assertThat(json.path("parameters").path("pairs").asInt()).isEqualTo(100);
    assertThat(json.path("deliveredPerSecond").asDouble()).isEqualTo(1234.5);
    assertThat(json.path("lost").asLong()).isEqualTo(2);
    assertThat(json.has("skipped")).isFalse();
    assertThat(json.path("ok").asBoolean()).isFalse();
    assertThat(json.path("failures").asText()).contains("lost");
  }

  @Test
  void payloadsCarryTheirNumberAndIntendedSendTime() {
    var payload = Payloads.make(41, 123_456_789_012L, 64);

    assertThat(payload).hasSize(64);
    assertThat(Payloads.number(payload)).isEqualTo(41);
    assertThat(Payloads.intendedNanos(payload)).isEqualTo(123_456_789_012L);
  }
}
