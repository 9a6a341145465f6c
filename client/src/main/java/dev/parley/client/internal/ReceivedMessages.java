package dev.parley.client.internal;

import dev.parley.protocol.MessageId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent message ids this client has passed to the app, for dropping duplicates of an
 * at-least-once delivery. Bounded: the oldest id is forgotten beyond {@code capacity}, so a
 * duplicate older than that reaches the app again, which at-least-once allows.
 *
 * <p>A duplicate still has to be acked, or the server keeps it forever. When is the question: if
 * the app has handled the original, at once; if the app is still handling it, the duplicate's
 * delivery id waits with the original and is acked when the app acks, so the server never forgets
 * a message the app has not finished. Delivery ids belong to one connection, so they are dropped
 * when it is lost (the server sends the entries again on the next one).
 *
 * <p>Not thread-safe; owned by the connection thread.
 */
public final class ReceivedMessages {
  /** What to do with an arriving message. */
  public enum Verdict {
    /** First sight: pass it to the app. */
    NEW,
    /** The app already acked it: ack this copy now and drop it. */
    ACK_NOW,
    /** The app is still handling it: drop this copy; it is acked with the original. */
    ACK_WITH_ORIGINAL
  }

  private static final class Tracked {
    boolean handled;
    final List<Long> deliveryIds = new ArrayList<>(1);
  }

  private final Map<MessageId, Tracked> recent;

  public ReceivedMessages(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<MessageId, Tracked> eldest) {
        return size() > capacity;
      }
    };
  }

  public Verdict arrived(MessageId messageId, long deliveryId) {
    var tracked = recent.get(messageId);
    if (tracked == null) {
      tracked = new Tracked();
      tracked.deliveryIds.add(deliveryId);
      recent.put(messageId, tracked);
      return Verdict.NEW;
    }
    if (tracked.handled) {
      return Verdict.ACK_NOW;
    }
    tracked.deliveryIds.add(deliveryId);
    return Verdict.ACK_WITH_ORIGINAL;
  }

  /**
   * The app acked the message: the delivery ids to ack now (those of this connection), or an
   * empty list if there are none or the id was already forgotten.
   */
  public List<Long> handled(MessageId messageId) {
    var tracked = recent.get(messageId);
    if (tracked == null || tracked.handled) {
      return List.of();
    }
    tracked.handled = true;
    var ids = List.copyOf(tracked.deliveryIds);
    tracked.deliveryIds.clear();
    return ids;
  }

  public boolean isKnown(MessageId messageId) {
    return recent.containsKey(messageId);
  }

  /** The connection is gone, and with it the meaning of its delivery ids. */
  public void connectionLost() {
    for (var tracked : recent.values()) {
      tracked.deliveryIds.clear();
    }
  }
}
