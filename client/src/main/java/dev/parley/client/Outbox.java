package dev.parley.client;

import java.util.List;

/**
 * The sends that the server has not yet answered, in the order the app made them. An entry is
 * added when the app sends and removed only when the server answers {@code sent} or refuses it, so
 * a send made offline, or lost with a dropped socket, goes out again on the next connection, with
 * the same clientMessageId.
 *
 * <p>The default {@link MemoryOutbox} loses entries when the process exits; an app that must not
 * lose them supplies a durable implementation. Entries restored from a durable outbox at start-up
 * have no future to complete; their outcome reaches {@link ClientListener#onSendResult}.
 *
 * <p>The SDK calls an outbox from its connection thread only, one call at a time.
 */
public interface Outbox {
  /** Appends an entry; its position fixes the order in which pending entries are (re)sent. */
  void add(OutboxEntry entry);

  /** The pending entries, oldest first. */
  List<OutboxEntry> pending();

  /** Forgets an entry; does nothing if it is not there. */
  void remove(String clientMessageId);

  /** Forgets every entry (the session was revoked, so they can never be sent). */
  void clear();
}
