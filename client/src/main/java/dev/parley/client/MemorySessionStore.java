package dev.parley.client;

import dev.parley.protocol.rest.SessionTokens;
import java.util.Optional;

/** A {@link SessionStore} in memory: the session ends with the process. Thread-safe. */
public final class MemorySessionStore implements SessionStore {
  private volatile SessionTokens tokens;

  public MemorySessionStore() {}

  /** A store that starts signed in, for tests and for apps that keep tokens elsewhere. */
  public MemorySessionStore(SessionTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Optional<SessionTokens> load() {
    return Optional.ofNullable(tokens);
  }

  @Override
  public void save(SessionTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public void clear() {
    tokens = null;
  }
}
