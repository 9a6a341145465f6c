package dev.parley.server.messaging.sql;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The deliveries this store queued last, by delivery id: what an ack needs to know of each
 * (its conversation, message, seq and sender) without reading it back from the deleted row. Most acks
 * come within moments of the delivery, so their delete returns only the ids it removed; reading the
 * row's text columns back through the driver cost about as much as the delete itself.
 *
 * <p>Committer thread only. Bounded: the oldest entries go first, and an ack of one no longer held
 * reads the row as before. Ids are issued ahead of the database inside a transaction, so a rollback
 * must {@link #clear()} what it had added.
 */
final class RecentDeliveries {
  /** What the queued row holds about its message. */
  record Queued(ConversationId conversationId, MessageId messageId, long seq, DeviceId sender) {}

  /** A receipt's delivery (delivered, read): its ack tells nobody. */
  static final Queued NOT_A_MESSAGE = new Queued(null, null, 0, null);

  private final Map<Long, Queued> byId;

  RecentDeliveries(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.byId = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Queued> eldest) {
        return size() > capacity;
      }
    };
  }

  void queued(long deliveryId, Queued message) {
    byId.put(deliveryId, message);
  }

  boolean holds(long deliveryId) {
    return byId.containsKey(deliveryId);
  }

  /** The queued message, once: its delivery was deleted, so no later ack can name it again. */
  Queued remove(long deliveryId) {
    return byId.remove(deliveryId);
  }

  void clear() {
    byId.clear();
  }

  int size() {
    return byId.size();
  }
}
