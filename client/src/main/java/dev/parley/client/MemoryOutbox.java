package dev.parley.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link Outbox} in memory, in insertion order. Thread-safe, so an app may inspect it. */
public final class MemoryOutbox implements Outbox {
  private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();

  @Override
  public synchronized void add(OutboxEntry entry) {
    entries.putIfAbsent(entry.clientMessageId(), entry);
  }

  @Override
  public synchronized List<OutboxEntry> pending() {
    return List.copyOf(entries.values());
  }

  @Override
  public synchronized void remove(String clientMessageId) {
    entries.remove(clientMessageId);
  }

  @Override
  public synchronized void clear() {
    entries.clear();
  }
}
