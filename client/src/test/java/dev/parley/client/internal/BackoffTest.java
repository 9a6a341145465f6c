package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackoffTest {
  private static final Duration MIN = Duration.ofMillis(250);
  private static final Duration MAX = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(longs = {1, 42, 7_777})
  void delaysDoubleWithinTheirJitterBandUpToTheCap(long seed) {
    // given
    var backoff = new Backoff(MIN, MAX, new SplittableRandom(seed));

    // when
    var delays = new ArrayList<Duration>();
    for (int i = 0; i < 12; i++) {
      delays.add(backoff.next());
    }

    // then attempt n waits between half and all of min * 2^n, never more than max
    for (int n = 0; n < delays.size(); n++) {
      long step = Math.min(MAX.toMillis(), MIN.toMillis() << n);
      assertThat(delays.get(n).toMillis()).as("attempt %d", n).isBetween(step - step / 2, step);
    }
    assertThat(delays.getLast()).isLessThanOrEqualTo(MAX).isGreaterThanOrEqualTo(MAX.dividedBy(2));
  }

  @Test
  void manyFailuresInARowNeverOverflowPastTheCap() {
    // given
    var backoff = new Backoff(MIN, MAX, new SplittableRandom(3));

    // when
    for (int i = 0; i < 10_000; i++) {
      backoff.next();
    }

    // then
    assertThat(backoff.next()).isBetween(MAX.dividedBy(2), MAX);
  }

  @Test
  void resetStartsOverAtTheMinimum() {
    // given
    var backoff = new Backoff(MIN, MAX, new SplittableRandom(5));
    for (int i = 0; i < 8; i++) {
      backoff.next();
    }

    // when
    backoff.reset();

    // then
    assertThat(backoff.next()).isBetween(MIN.dividedBy(2), MIN);
  }

  @Test
  void maxBelowMinIsRejected() {
    assertThatThrownBy(() -> new Backoff(MAX, MIN, new SplittableRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
