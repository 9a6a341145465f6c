package dev.parley.client.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Delivery ids waiting to be acked in one {@code ack} frame. The first id of a batch asks for a
 * flush after a short delay (so a backlog burst becomes a few frames, not hundreds); a full batch
 * asks for a flush at once, because the server stops sending once its window of unacked
 * deliveries is full. Not thread-safe; owned by the connection thread.
 */
public final class AckBatch {
  /** What the caller must do after {@link #add}. */
  public enum Action {
    NOTHING,
    SCHEDULE_FLUSH,
    FLUSH_NOW
  }

  private final int maxSize;
  private final List<Long> ids = new ArrayList<>();

  public AckBatch(int maxSize) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
    }
    this.maxSize = maxSize;
  }

  public Action add(long deliveryId) {
    ids.add(deliveryId);
    if (ids.size() >= maxSize) {
      return Action.FLUSH_NOW;
    }
    return ids.size() == 1 ? Action.SCHEDULE_FLUSH : Action.NOTHING;
  }

  /** The ids in the order added, leaving the batch empty. */
  public List<Long> drain() {
    var out = List.copyOf(ids);
    ids.clear();
    return out;
  }

  public boolean isEmpty() {
    return ids.isEmpty();
  }

  /** Forgets the ids: their connection is gone and the server will deliver them again. */
  public void clear() {
    ids.clear();
  }
}
