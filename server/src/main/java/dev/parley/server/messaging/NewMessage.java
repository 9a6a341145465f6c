package dev.parley.server.messaging;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import java.util.Map;

/**
 * A message to store: either {@code sharedPayload} for everyone, or one payload per recipient
 * device in {@code devicePayloads}. Who receives it is decided when it commits ({@link RecipientResolver}).
 */
public record NewMessage(
    MessageId id,
    ConversationId conversationId,
    DeviceId sender,
    String clientMessageId,
    long serverTime,
    String sharedPayload,
    Map<DeviceId, String> devicePayloads) {

  /** One device that gets the message; {@code payload} is null when the message has a shared payload. */
  public record Recipient(DeviceId device, String payload) {}

  public NewMessage {
    devicePayloads = devicePayloads == null ? null : Map.copyOf(devicePayloads);
  }
}
