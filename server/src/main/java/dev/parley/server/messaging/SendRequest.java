package dev.parley.server.messaging;

import dev.parley.protocol.ConversationId;
import java.util.List;

/** A device's send, as it arrived; {@link MessagingService} validates every field. */
public record SendRequest(String clientMessageId, ConversationId conversationId, String payload, List<DevicePayload> payloads) {

  /** One recipient device's copy. */
  public record DevicePayload(dev.parley.protocol.DeviceId device, String payload) {}
}
