package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void cpuPerMessageIsTheServersCpuTimeOverTheMessagesInMicroseconds() {
    assertThat(Workload.cpuMicrosPer(1_000_000L, 51_000_000L, 1_000)).isEqualTo(50.0);
    assertThat(Workload.cpuMicrosPer(null, 51_000_000L, 1_000)).isNull();
    assertThat(Workload.cpuMicrosPer(1_000_000L, 51_000_000L, 0)).isNull();
  }

  @Test
  void jitShareIsTheCompilersPartOfTheServersCpuTimeInTheRound() {
    assertThat(Workload.jitSharePercent(10_000_000L, 410_000_000L, 5_000_000L, 105_000_000L)).isEqualTo(25.0);
    assertThat(Workload.jitSharePercent(10_000_000L, 410_000_000L, 5_000_000L, 5_000_000L)).isEqualTo(0.0);
    assertThat(Workload.jitSharePercent(10_000_000L, 10_000_000L, 0L, 0L)).isNull();
    assertThat(Workload.jitSharePercent(10_000_000L, 410_000_000L, null, 5_000_000L)).isNull();
  }

  @Test
  void warmUpRepeatsRoundsWhileTheJitIsBusyAndStopsAtTheFirstSettledOne() throws Exception {
    var shares = new java.util.ArrayDeque<>(java.util.List.of(30.0, 20.0, 5.0, 1.0));
    var report = new Report("direct", new java.util.LinkedHashMap<>());
    boolean ok = Workload.warmUp(report, 10, 5, round -> round.put("serverJitSharePercent", shares.poll()));
    assertThat(ok).isTrue();
    assertThat(report.get("warmupRounds")).isEqualTo(3);
    assertThat(report.get("warmupJitSharePercent")).isEqualTo(java.util.List.of(30.0, 20.0, 5.0));
  }

  @Test
  void warmUpStopsAtItsMaximumOrWhenTheShareCannotBeRead() throws Exception {
    var busy = new Report("group", new java.util.LinkedHashMap<>());
    Workload.warmUp(busy, 10, 2, round -> round.put("serverJitSharePercent", 50.0));
    assertThat(busy.get("warmupRounds")).isEqualTo(2);
    var unmeasurable = new Report("group", new java.util.LinkedHashMap<>());
    Workload.warmUp(unmeasurable, 10, 5, round -> { });
    assertThat(unmeasurable.get("warmupRounds")).isEqualTo(1);
  }

  @Test
  void aFailedWarmUpRoundFailsTheRun() throws Exception {
    var report = new Report("backlog", new java.util.LinkedHashMap<>());
    boolean ok = Workload.warmUp(report, 10, 5, round -> round.fail("3 messages lost"));
    assertThat(ok).isFalse();
    assertThat(report.failed()).isTrue();
  }

  @Test
  void warmupRoundsMustBeAtLeastOne() {
    var atLeastOne = new BenchOptions.AtLeastOne();
    assertThat(atLeastOne.convert("3")).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> atLeastOne.convert("0"))
        .hasMessageContaining("at least 1");
  }
}
