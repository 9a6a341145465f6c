package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.MemorySessionStore;
import dev.parley.client.ParleyApiException;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.rest.SessionTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTest {
  private static final AccountId ME = AccountId.random();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);

  private final InstantSource clock = InstantSource.fixed(NOW);
  private final List<ErrorCode> revocations = new CopyOnWriteArrayList<>();
  private final AtomicInteger refreshes = new AtomicInteger();

  @Test
  void tokenFarFromExpiryIsUsedAsIs() {
    // given
    var session = session(tokens("a1", "r1", NOW.plusSeconds(600)), this::rotate);

    // when / then
    assertThat(session.accessToken()).isEqualTo("a1");
    assertThat(refreshes).hasValue(0);
  }

  @Test
  void tokenAboutToExpireIsRefreshedAndTheNewTokensAreStored() {
    // given
    var store = new MemorySessionStore(tokens("a1", "r1", NOW.plusSeconds(30)));
    var session = new Session(store, this::rotate, clock, REFRESH_AHEAD, revocations::add);

    // when
    var token = session.accessToken();

    // then
    assertThat(token).isEqualTo("access-for-r1");
    assertThat(store.load()).get().extracting(SessionTokens::refreshToken).isEqualTo("next-after-r1");
  }

  @Test
  void expiryGivenInEpochSecondsIsUnderstood() {
    // given a server that sends JWT-style seconds
    var session = session(tokens("a1", "r1", NOW.plusSeconds(600)), this::rotate);
    var inSeconds = new SessionTokens(ME, 1, "a1", NOW.plusSeconds(600).getEpochSecond(), "r1", false);
    session.signedIn(inSeconds);

    // when / then
    assertThat(session.accessToken()).isEqualTo("a1");
  }

  @Test
  void concurrentRejectionsOfOneTokenRefreshOnlyOnce() throws Exception {
    // given a refresh slow enough for every thread to arrive while it runs
    var release = new CountDownLatch(1);
    var session = session(tokens("a1", "r1", NOW.plusSeconds(600)), refreshToken -> {
      awaitQuietly(release);
      return rotate(refreshToken);
    });
    var results = new CopyOnWriteArrayList<String>();

    // when eight threads all report the same token expired
    try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        threads.submit(() -> results.add(session.accessTokenReplacing("a1")));
      }
      release.countDown();
    }

    // then one refresh served them all: a second would have spent a spent refresh token
    assertThat(refreshes).hasValue(1);
    assertThat(results).hasSize(8).containsOnly("access-for-r1");
  }

  @Test
  void refusedRefreshRevokesTheSessionOnce() {
    // given
    var store = new MemorySessionStore(tokens("a1", "r1", NOW.minusSeconds(1)));
    var session = new Session(store, refreshToken -> {
      throw new ParleyApiException(ErrorCode.REFRESH_TOKEN_REUSED, 401, "reused", null);
    }, clock, REFRESH_AHEAD, revocations::add);

    // when
    assertThatThrownBy(session::accessToken).isInstanceOf(ParleyApiException.class);
    assertThatThrownBy(session::accessToken).isInstanceOf(IllegalStateException.class);

    // then
    assertThat(revocations).containsExactly(ErrorCode.REFRESH_TOKEN_REUSED);
    assertThat(store.load()).isEmpty();
  }

  @Test
  void unreachableServerDuringRefreshKeepsTheSession() {
    // given
    var store = new MemorySessionStore(tokens("a1", "r1", NOW.minusSeconds(1)));
    var session = new Session(store, refreshToken -> {
      throw new ParleyApiException(ErrorCode.UNAVAILABLE, 503, "busy", null);
    }, clock, REFRESH_AHEAD, revocations::add);

    // when
    assertThatThrownBy(session::accessToken).isInstanceOf(ParleyApiException.class);

    // then
    assertThat(revocations).isEmpty();
    assertThat(store.load()).isPresent();
  }

  private Session session(SessionTokens initial, Session.Refresher refresher) {
    return new Session(new MemorySessionStore(initial), refresher, clock, REFRESH_AHEAD, revocations::add);
  }

  private SessionTokens rotate(String refreshToken) {
    refreshes.incrementAndGet();
    return tokens("access-for-" + refreshToken, "next-after-" + refreshToken, NOW.plusSeconds(900));
  }

  private static SessionTokens tokens(String access, String refresh, Instant expiresAt) {
    return new SessionTokens(ME, 1, access, expiresAt.toEpochMilli(), refresh, false);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
