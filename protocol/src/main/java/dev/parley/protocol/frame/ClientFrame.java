package dev.parley.protocol.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.util.List;

/** A frame a device sends to the server over its WebSocket. docs/protocol.md describes each. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(ClientFrame.Auth.class),
  @JsonSubTypes.Type(ClientFrame.Send.class),
  @JsonSubTypes.Type(ClientFrame.Ack.class),
  @JsonSubTypes.Type(ClientFrame.Read.class),
  @JsonSubTypes.Type(ClientFrame.Ping.class)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ClientFrame {

  /** The first frame on a socket: the access token (browsers cannot set headers on a WebSocket). */
  @JsonTypeName("auth")
  record Auth(String token) implements ClientFrame {}

  /**
   * A message for a conversation. Exactly one of {@code payload} (one copy for every recipient) or
   * {@code payloads} (one per recipient device, as end-to-end encryption needs) is set.
   */
  @JsonTypeName("send")
  record Send(
      String clientMessageId,
      ConversationId conversationId,
      String payload,
      List<DevicePayload> payloads) implements ClientFrame {}

  /** One recipient device's copy of a message. */
  record DevicePayload(AccountId accountId, int deviceId, String payload) {}

  /** Delivery entries the device has handled; the server forgets them and tells the senders. */
  @JsonTypeName("ack")
  record Ack(List<Long> deliveryIds) implements ClientFrame {}

  /** The user has read the conversation up to and including {@code seq}. */
  @JsonTypeName("read")
  record Read(ConversationId conversationId, long seq) implements ClientFrame {}

  /** An application-level ping for clients that cannot send WebSocket pings (browsers). */
  @JsonTypeName("ping")
  record Ping(String id) implements ClientFrame {}
}
