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
}
