package dev.parley.client;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ClientFrame.DevicePayload;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A send the server has not answered yet. {@code clientMessageId} is generated once by the SDK and
 * reused on every retry, which is what makes retries idempotent on the server. Exactly one of
 * {@code payload} (same for every recipient) and {@code payloads} (one per device) is non-null.
 */
public record OutboxEntry(
    String clientMessageId,
    ConversationId conversationId,
    String payload,
    List<DevicePayload> payloads,
    Instant createdAt) {
  public OutboxEntry {
    Objects.requireNonNull(clientMessageId, "clientMessageId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((payload == null) == (payloads == null)) {
      throw new IllegalArgumentException("exactly one of payload and payloads must be set");
    }
    payloads = payloads == null ? null : List.copyOf(payloads);
  }

  public ClientFrame.Send toFrame() {
    return new ClientFrame.Send(clientMessageId, conversationId, payload, payloads);
  }
}
