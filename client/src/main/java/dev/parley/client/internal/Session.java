package dev.parley.client.internal;

import dev.parley.client.ParleyApiException;
import dev.parley.client.SessionStore;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.rest.SessionTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The device's tokens: hands out a fresh access token, refreshing it shortly before it expires or
 * when the server says it has, and reports when the session is over.
 *
 * <p>Hazard: the refresh token is single-use and re-using a spent one revokes the whole session, so
 * two threads must never refresh with the same token. Refreshes therefore run one at a time under
 * {@link #lock}, and a caller whose token was rejected refreshes only if nobody has replaced that
 * token meanwhile ({@link #accessTokenReplacing}). Thread-safe.
 */
public final class Session {
  /** Exchanges a refresh token for new tokens ({@code POST /v1/sessions/refresh}). */
  @FunctionalInterface
  public interface Refresher {
    SessionTokens refresh(String refreshToken);
  }

  // Below this, accessTokenExpiresAt is taken as epoch seconds (JWT's unit), above as epoch millis
  // (the unit of the other REST times): 10^11 ms is 1973, 10^11 s is the year 5138.
  private static final long SECONDS_MILLIS_BOUNDARY = 100_000_000_000L;

  private final SessionStore store;
  private final Refresher refresher;
  private final InstantSource clock;
  private final Duration refreshAhead;
  private final Consumer<ErrorCode> onRevoked;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock. Null when signed out; loaded from the store on first use.
  private SessionTokens tokens;
  private boolean loaded;

  /**
   * @param refreshAhead how long before expiry a token is replaced, so it does not expire in flight
   * @param onRevoked told once per session when a refresh is refused or the device is removed; it
   *     runs with the session lock held, so it must only hand the news on, never block
   */
  public Session(SessionStore store, Refresher refresher, InstantSource clock, Duration refreshAhead,
      Consumer<ErrorCode> onRevoked) {
    this.store = store;
    this.refresher = refresher;
    this.clock = clock;
    this.refreshAhead = refreshAhead;
    this.onRevoked = onRevoked;
  }

  public Optional<SessionTokens> current() {
    lock.lock();
    try {
      return Optional.ofNullable(loadedTokens());
    } finally {
      lock.unlock();
    }
  }

  public void signedIn(SessionTokens newTokens) {
    lock.lock();
    try {
      store.save(newTokens);
      tokens = newTokens;
      loaded = true;
    } finally {
      lock.unlock();
    }
  }

  public void signedOut() {
    lock.lock();
    try {
      tokens = null;
      loaded = true;
      store.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A usable access token, refreshed first if it expires within {@code refreshAhead}.
   *
   * @throws IllegalStateException if not signed in
   * @throws ParleyApiException if the refresh was refused (the session is then revoked)
   */
  public String accessToken() {
    lock.lock();
    try {
      var current = requireTokens();
      if (!clock.instant().plus(refreshAhead).isBefore(expiry(current))) {
        current = refreshLocked(current);
      }
      return current.accessToken();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A token to use instead of one the server rejected as expired: the one another thread already
   * refreshed to, or a newly refreshed one.
   */
  public String accessTokenReplacing(String rejected) {
    lock.lock();
    try {
      var current = requireTokens();
      if (!current.accessToken().equals(rejected)) {
        return current.accessToken();
      }
      return refreshLocked(current).accessToken();
    } finally {
      lock.unlock();
    }
  }

  /** Refreshes now, whatever the expiry. */
  public SessionTokens refresh() {
    lock.lock();
    try {
      return refreshLocked(requireTokens());
    } finally {
      lock.unlock();
    }
  }

  /** Ends the session: clears the store and tells {@code onRevoked}, once per session. */
  public void revoke(ErrorCode code) {
    lock.lock();
    try {
      if (loadedTokens() == null) {
        return;
      }
      tokens = null;
      store.clear();
      onRevoked.accept(code);
    } finally {
      lock.unlock();
    }
  }

  private SessionTokens refreshLocked(SessionTokens current) {
    SessionTokens fresh;
    try {
      fresh = refresher.refresh(current.refreshToken());
    } catch (ParleyApiException e) {
      if (e.httpStatus() == 401) {
        revoke(e.code());
      }
      throw e;
    }
    store.save(fresh);
    tokens = fresh;
    return fresh;
  }

  private SessionTokens requireTokens() {
    var current = loadedTokens();
    if (current == null) {
      throw new IllegalStateException("not signed in: verify a phone number first");
    }
    return current;
  }

  private SessionTokens loadedTokens() {
    if (!loaded) {
      tokens = store.load().orElse(null);
      loaded = true;
    }
    return tokens;
  }

  static Instant expiry(SessionTokens tokens) {
    long at = tokens.accessTokenExpiresAt();
    return at < SECONDS_MILLIS_BOUNDARY ? Instant.ofEpochSecond(at) : Instant.ofEpochMilli(at);
  }
}
