package dev.parley.server.messaging;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import java.util.List;

/**
 * A message to store: either {@code sharedPayload} for everyone, or one payload per recipient.
 * Recipients include the sender's other devices (they get a copy of what it sent).
 */
public record NewMessage(
    MessageId id,
    ConversationId conversationId,
    DeviceId sender,
    String clientMessageId,
    long serverTime,
    String sharedPayload,
    List<Recipient> recipients) {

  /** One device that gets the message; {@code payload} is null when the message has a shared payload. */
  public record Recipient(DeviceId device, String payload) {}

  public NewMessage {
    recipients = List.copyOf(recipients);
  }
}
