package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.account.OtpStore.PendingCode;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link OtpStore} must have. Each implementation gets a small class that
 * implements {@link #store()}; tests use fresh phones, so they can share one database.
 */
public interface OtpStoreContract {

  OtpStore store();

  private static String freshPhone() {
    return "+1" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 1_000_000_000_000_000L);
  }

  private static PendingCode code(String phone, int attempts, long sentAt) {
    return new PendingCode(phone, "hash-" + UUID.randomUUID(), sentAt + 300_000L, attempts, sentAt);
  }

  @Test
  default void savedCodeIsFound() {
    // given
    var code = code(freshPhone(), 0, 1_000L);
    // when
    store().save(code);
    // then
    assertThat(store().find(code.phone())).contains(code);
  }

  @Test
  default void unknownPhoneHasNoCode() {
    // when
    var found = store().find(freshPhone());
    // then
    assertThat(found).isEmpty();
  }

  @Test
  default void saveReplacesThePendingCode() {
    // given
    var phone = freshPhone();
    store().save(code(phone, 3, 1_000L));
    var replacement = code(phone, 0, 2_000L);
    // when
    store().save(replacement);
    // then
    assertThat(store().find(phone)).contains(replacement);
  }

  @Test
  default void failedAttemptsCountUp() {
    // given
    var code = code(freshPhone(), 0, 1_000L);
    store().save(code);
    // when
    var first = store().recordFailedAttempt(code.phone());
    var second = store().recordFailedAttempt(code.phone());
    // then
    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
    assertThat(store().find(code.phone())).hasValueSatisfying(found -> {
      assertThat(found.attempts()).isEqualTo(2);
      assertThat(found.codeHash()).isEqualTo(code.codeHash());
    });
  }

  @Test
  default void failedAttemptWithoutACodeReturnsZeroAndCreatesNothing() {
    // given
    var phone = freshPhone();
    // when
    var attempts = store().recordFailedAttempt(phone);
    // then
    assertThat(attempts).isZero();
    assertThat(store().find(phone)).isEmpty();
  }

  @Test
  default void concurrentFailedAttemptsAreEachCounted() throws Exception {
    // given
    var code = code(freshPhone(), 0, 1_000L);
    store().save(code);
    int threads = 10;
    var start = new CountDownLatch(1);
    var counts = new ArrayList<Integer>();
    // when
    try (var pool = Executors.newFixedThreadPool(threads)) {
      var futures = new ArrayList<Future<Integer>>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return store().recordFailedAttempt(code.phone());
        }));
      }
      start.countDown();
      for (var future : futures) {
        counts.add(future.get(30, TimeUnit.SECONDS));
      }
    }
    // then
    assertThat(counts).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads).boxed().toList());
    assertThat(store().find(code.phone())).hasValueSatisfying(found -> assertThat(found.attempts()).isEqualTo(threads));
  }

  @Test
  default void deletedCodeIsGone() {
    // given
    var code = code(freshPhone(), 0, 1_000L);
    var other = code(freshPhone(), 0, 1_000L);
    store().save(code);
    store().save(other);
    // when
    store().delete(code.phone());
    // then
    assertThat(store().find(code.phone())).isEmpty();
    assertThat(store().find(other.phone())).contains(other);
    assertThat(store().recordFailedAttempt(code.phone())).isZero();
  }

  @Test
  default void deletingAPhoneWithoutACodeDoesNothing() {
    // given
    var phone = freshPhone();
    // when
    store().delete(phone);
    // then
    assertThat(store().find(phone)).isEmpty();
  }
}
