package dev.parley.client;

import dev.parley.protocol.rest.SessionTokens;
import java.util.Optional;

/**
 * Keeps a device's {@link SessionTokens} between runs. The SDK saves after every sign-in and every
 * refresh (the refresh token rotates, so a store that loses a save signs the device out), and
 * clears on logout and revocation.
 *
 * <p>The SDK calls a store from one thread at a time; implementations need not be thread-safe
 * unless the app shares one between clients. {@link MemorySessionStore} forgets on exit;
 * {@link FileSessionStore} writes a file only its owner can read.
 */
public interface SessionStore {
  Optional<SessionTokens> load();

  void save(SessionTokens tokens);

  void clear();
}
