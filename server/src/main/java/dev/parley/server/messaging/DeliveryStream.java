package dev.parley.server.messaging;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connected device receives: its queue, read from the store in pages after a cursor, then
 * live deliveries as they are committed, never more than {@code window} unacknowledged at a time.
 *
 * <p>The stream is a cursor over the device's durable queue; live deliveries are only a shortcut
 * that skips the read when the stream is caught up. In {@code READING} mode the stream reads the store
 * and ignores live deliveries (they are in the store too); in {@code LIVE} mode it forwards them.
 * It falls back to {@code READING} when the window is full and returns to {@code LIVE} when a read
 * finds the end of the queue.
 *
 * <p>The hazard is the switch to {@code LIVE}: a delivery committed after the last read returned but
 * offered before the switch would be skipped. Offers during a read therefore set {@code offeredWhileReading},
 * and the stream reads once more instead of switching. The router subscribes the stream before the
 * first read, and deliveries are offered only after their commit, so each delivery is read, offered
 * live, or both (both is dropped by the cursor).
 *
 * <p>An ack frees its window slots when it arrives, before its delete is stored, so a backlog drains
 * at the speed of the socket rather than of the commit. The deletes still have to be stored, and a
 * device that acks faster than the store commits would pile them up in memory; so at most one
 * window of acks may be waiting for the store ({@link #ackStored}), and the stream pauses beyond that.
 *
 * <p>Thread-safety: all state is guarded by {@code lock}; the sink is called with the lock held, so
 * frames reach the socket in cursor order. Store reads run on {@code executor} without the lock.
 */
public final class DeliveryStream {
  private static final Logger log = LoggerFactory.getLogger(DeliveryStream.class);
  private static final int MAX_PAGE = 256;

  /** Where the stream's frames go: the device's socket. Called with the stream's lock held; must not block. */
  public interface Sink {
    void deliver(ServerFrame.Delivery delivery);

    void caughtUp(long delivered);

    /** Reading the queue failed; the stream stops. The socket should close so the device reconnects. */
    default void readFailed() {}
  }

  private enum Mode { READING, LIVE, CLOSED }

  private final DeviceId device;
  private final MessageStore store;
  private final Sink sink;
  private final int window;
  private final Executor executor;
  private final ReentrantLock lock = new ReentrantLock();

  // All guarded by lock.
  private Mode mode = Mode.READING;
  private long cursor;
  private final Set<Long> inFlight = new HashSet<>();
  private int acksNotStored;
  private boolean reading;
  private boolean offeredWhileReading;
  private boolean caughtUpSent;
  private long deliveredBeforeCaughtUp;

  public DeliveryStream(DeviceId device, MessageStore store, Sink sink, int window, Executor executor) {
    this.device = device;
    this.store = store;
    this.sink = sink;
    this.window = window;
    this.executor = executor;
  }

  public DeviceId device() {
    return device;
  }

  /** Starts reading the queue; call after the stream can receive offers. */
  public void start() {
    lock.lock();
    try {
      scheduleRead();
    } finally {
      lock.unlock();
    }
  }

  /** A delivery for this device was just committed. */
  public void offer(ServerFrame.Delivery delivery) {
    lock.lock();
    try {
      switch (mode) {
        case CLOSED -> { }
        case READING -> offeredWhileReading = true;
        case LIVE -> {
          if (delivery.deliveryId() <= cursor) {
            return;
          }
          if (full()) {
            // The device (or the store, with its acks) is slow: stop forwarding and read from the
            // store when acks make room.
            mode = Mode.READING;
            offeredWhileReading = true;
            return;
          }
          send(delivery);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The device acked these deliveries; their deletes are on their way to the store. Returns how many
   * of them were in flight: hand that to {@link #ackStored} once the deletes are stored (or failed).
   */
  public int acknowledged(Collection<Long> deliveryIds) {
    lock.lock();
    try {
      int freed = 0;
      for (var id : deliveryIds) {
        if (inFlight.remove(id)) {
          freed++;
        }
      }
      acksNotStored += freed;
      resumeIfRoom();
      return freed;
    } finally {
      lock.unlock();
    }
  }

  /** The store has dealt with acks that {@link #acknowledged} counted. */
  public void ackStored(int count) {
    lock.lock();
    try {
      acksNotStored -= count;
      resumeIfRoom();
    } finally {
      lock.unlock();
    }
  }

  private void resumeIfRoom() {
    if (mode == Mode.READING && !reading && !full()) {
      scheduleRead();
    }
  }

  private boolean full() {
    return inFlight.size() >= window || acksNotStored >= window;
  }

  public void close() {
    lock.lock();
    try {
      mode = Mode.CLOSED;
    } finally {
      lock.unlock();
    }
  }

  public boolean isCaughtUp() {
    lock.lock();
    try {
      return caughtUpSent;
    } finally {
      lock.unlock();
    }
  }

  private void scheduleRead() {
    reading = true;
    executor.execute(this::readLoop);
  }

  private void readLoop() {
    try {
      while (true) {
        long after;
        int limit;
        lock.lock();
        try {
          if (mode == Mode.CLOSED) {
            reading = false;
            return;
          }
          limit = Math.min(MAX_PAGE, window - inFlight.size());
          if (full()) {
            reading = false; // acknowledged() or ackStored() restarts the read
            return;
          }
          offeredWhileReading = false;
          after = cursor;
        } finally {
          lock.unlock();
        }
        var page = store.pending(device, after, limit);
        lock.lock();
        try {
          if (mode == Mode.CLOSED) {
            reading = false;
            return;
          }
          for (var delivery : page) {
            if (delivery.deliveryId() > cursor) {
              send(delivery);
            }
          }
          if (page.size() < limit && !offeredWhileReading) {
            mode = Mode.LIVE;
            reading = false;
            if (!caughtUpSent) {
              caughtUpSent = true;
              sink.caughtUp(deliveredBeforeCaughtUp);
            }
            return;
          }
        } finally {
          lock.unlock();
        }
      }
    } catch (RuntimeException e) {
      log.error("reading the delivery queue of {} failed; the device gets it on its next connection", device, e);
      lock.lock();
      try {
        reading = false;
      } finally {
        lock.unlock();
      }
      sink.readFailed();
    }
  }

  private void send(ServerFrame.Delivery delivery) {
    cursor = delivery.deliveryId();
    inFlight.add(delivery.deliveryId());
    if (!caughtUpSent) {
      deliveredBeforeCaughtUp++;
    }
    sink.deliver(delivery);
  }
}
