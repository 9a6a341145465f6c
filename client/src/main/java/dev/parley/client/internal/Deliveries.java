package dev.parley.client.internal;

import dev.parley.client.DeliveryReceipt;
import dev.parley.client.ReadReceipt;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the device's delivery queue sends (messages and receipts): drops duplicate messages, hands
 * the rest to the app, and acks each delivery once the app has handled it, in batches.
 *
 * <p>Delivery ids mean something only on the socket that carried them, so each socket is a
 * numbered here: acks that come back for an older one are dropped (the server delivers
 * those entries again and the copies are acked as duplicates).
 *
 * <p>Not thread-safe: owned by the connection thread. App threads reach it only through
 * {@code post}.
 */
final class Deliveries {
  private final EventDispatcher events;
  private final ReceivedMessages received;
  private final AckBatch acks;
  private final Consumer<Runnable> post;
  private final Function<Runnable, ScheduledFuture<?>> scheduleFlush;
  private final Consumer<ClientFrame> transmit;
  // The socket acks may go out on, or 0 between sockets (socket numbers start at 1).
  private long socket;
  // Non-null while a partial batch waits for its flush.
  private ScheduledFuture<?> flushTimer;

  /**
   * @param post runs a task on the connection thread
   * @param scheduleFlush runs a task on the connection thread after {@code ackDelay}
   * @param transmit writes a frame to the current socket
   */
  Deliveries(ClientConfig config, EventDispatcher events, Consumer<Runnable> post,
      Function<Runnable, ScheduledFuture<?>> scheduleFlush, Consumer<ClientFrame> transmit) {
    this.events = events;
    this.received = new ReceivedMessages(config.dedupeCapacity());
    this.acks = new AckBatch(config.maxAckBatch());
    this.post = post;
    this.scheduleFlush = scheduleFlush;
    this.transmit = transmit;
  }

  /** A socket is ready: acks for its deliveries may go out. */
  void opened(long socketNumber) {
    socket = socketNumber;
  }

  /** The socket is gone: forget its delivery ids and any acks not yet sent. */
  void lost() {
    socket = 0;
    cancelFlush();
    acks.clear();
    received.connectionLost();
  }

  void message(ServerFrame.Message message) {
    long on = socket;
    switch (received.arrived(message.messageId(), message.deliveryId())) {
      case NEW -> events.message(new ReceivedMessage(
          message, () -> post.accept(() -> handled(on, message.messageId(), message.deliveryId()))));
      case ACK_NOW -> ack(on, message.deliveryId());
      case ACK_WITH_ORIGINAL -> { }
    }
  }

  /** One receipt frame names several devices and messages: the app hears of each pair, then it is acked. */
  void delivered(ServerFrame.Delivered frame) {
    long on = socket;
    var at = Instant.ofEpochMilli(frame.serverTime());
    var receipts = new ArrayList<DeliveryReceipt>(frame.messages().size() * frame.devices().size());
    for (var message : frame.messages()) {
      for (var device : frame.devices()) {
        receipts.add(new DeliveryReceipt(frame.conversationId(), message.messageId(), message.seq(),
            new DeviceId(device.accountId(), device.deviceId()), at));
      }
    }
    events.delivered(receipts, () -> post.accept(() -> ack(on, frame.deliveryId())));
  }

  void read(ServerFrame.ReadUpTo frame) {
    long on = socket;
    var receipt = new ReadReceipt(frame.conversationId(), frame.seq(),
        new DeviceId(frame.accountId(), frame.deviceId()), Instant.ofEpochMilli(frame.serverTime()));
    events.read(receipt, () -> post.accept(() -> ack(on, frame.deliveryId())));
  }

  /** Sends the partial batch now (before a clean close, say). */
  void flush() {
    cancelFlush();
    if (socket != 0 && !acks.isEmpty()) {
      transmit.accept(new ClientFrame.Ack(acks.drain()));
    }
  }

  /** The app acked a message: ack every copy the current socket carried. */
  private void handled(long on, MessageId messageId, long deliveryId) {
    if (!received.isKnown(messageId)) {
      // Forgotten by the bounded dedupe set; its own delivery id is still good on its own socket.
      ack(on, deliveryId);
      return;
    }
    for (long id : received.handled(messageId)) {
      ack(socket, id);
    }
  }

  private void ack(long on, long deliveryId) {
    if (on != socket || socket == 0) {
      return;
    }
    switch (acks.add(deliveryId)) {
      case FLUSH_NOW -> flush();
      case SCHEDULE_FLUSH -> flushTimer = scheduleFlush.apply(this::flush);
      case NOTHING -> { }
    }
  }

  private void cancelFlush() {
    if (flushTimer != null) {
      flushTimer.cancel(false);
      flushTimer = null;
    }
  }
}
