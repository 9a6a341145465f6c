package dev.parley.client.internal;

import dev.parley.client.IncomingMessage;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** An {@link IncomingMessage} over a message frame; {@link #ack()} runs {@code onAck} once. */
final class ReceivedMessage implements IncomingMessage {
  private final ServerFrame.Message frame;
  private final Runnable onAck;
  private final AtomicBoolean acked = new AtomicBoolean();

  ReceivedMessage(ServerFrame.Message frame, Runnable onAck) {
    this.frame = frame;
    this.onAck = onAck;
  }

  @Override
  public MessageId messageId() {
    return frame.messageId();
  }

  @Override
  public ConversationId conversationId() {
    return frame.conversationId();
  }

  @Override
  public long seq() {
    return frame.seq();
  }

  @Override
  public DeviceId sender() {
    return new DeviceId(frame.senderAccountId(), frame.senderDeviceId());
  }

  @Override
  public Instant serverTime() {
    return Instant.ofEpochMilli(frame.serverTime());
  }

  @Override
  public String payload() {
    return frame.payload();
  }

  @Override
  public GroupEvent event() {
    return frame.event();
  }

  @Override
  public void ack() {
    if (acked.compareAndSet(false, true)) {
      onAck.run();
    }
  }

  @Override
  public String toString() {
    return "IncomingMessage[" + frame.messageId() + " in " + frame.conversationId() + " seq " + frame.seq() + "]";
  }
}
