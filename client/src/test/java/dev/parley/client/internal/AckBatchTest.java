package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.internal.AckBatch.Action;
import org.junit.jupiter.api.Test;

class AckBatchTest {
  @Test
  void firstAckOfABatchAsksForADelayedFlush() {
    // given
    var batch = new AckBatch(3);

    // when / then
    assertThat(batch.add(1)).isEqualTo(Action.SCHEDULE_FLUSH);
    assertThat(batch.add(2)).isEqualTo(Action.NOTHING);
  }

  @Test
  void fullBatchAsksForAnImmediateFlush() {
    // given
    var batch = new AckBatch(3);
    batch.add(1);
    batch.add(2);

    // when / then
    assertThat(batch.add(3)).isEqualTo(Action.FLUSH_NOW);
  }

  @Test
  void drainReturnsIdsInOrderAndStartsANewBatch() {
    // given
    var batch = new AckBatch(10);
    batch.add(5);
    batch.add(3);

    // when
    var ids = batch.drain();

    // then
    assertThat(ids).containsExactly(5L, 3L);
    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.add(9)).isEqualTo(Action.SCHEDULE_FLUSH);
  }

  @Test
  void clearedIdsAreNeverSent() {
    // given
    var batch = new AckBatch(10);
    batch.add(1);

    // when
    batch.clear();

    // then
    assertThat(batch.drain()).isEmpty();
  }
}
