package dev.parley.protocol.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.MessageId;
import java.util.List;

/** A frame the server sends to a device. docs/protocol.md describes each. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(ServerFrame.Ready.class),
  @JsonSubTypes.Type(ServerFrame.Sent.class),
  @JsonSubTypes.Type(ServerFrame.Message.class),
  @JsonSubTypes.Type(ServerFrame.Delivered.class),
  @JsonSubTypes.Type(ServerFrame.ReadUpTo.class),
  @JsonSubTypes.Type(ServerFrame.CaughtUp.class),
  @JsonSubTypes.Type(ServerFrame.Error.class),
  @JsonSubTypes.Type(ServerFrame.Pong.class)
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerFrame {

  /** Frames that come from the device's delivery queue and must be acked by {@code deliveryId}. */
  sealed interface Delivery extends ServerFrame {
    long deliveryId();
  }

  /** The socket is authenticated; the backlog follows, then {@link CaughtUp}. */
  @JsonTypeName("ready")
  record Ready(AccountId accountId, int deviceId, long serverTime) implements ServerFrame {}

  /** The message is stored durably; the same answer comes back for a retried clientMessageId. */
  @JsonTypeName("sent")
  record Sent(
      String clientMessageId, MessageId messageId, ConversationId conversationId, long seq, long serverTime)
      implements ServerFrame {}

  /**
   * A message for this device: from another account, or a copy of what this account's other device
   * sent. A group's system message has {@code event} set (and no payload); its sender is the actor.
   */
  @JsonTypeName("message")
  record Message(
      long deliveryId,
      MessageId messageId,
      ConversationId conversationId,
      long seq,
      AccountId senderAccountId,
      int senderDeviceId,
      long serverTime,
      String payload,
      GroupEvent event) implements Delivery {

    public Message(long deliveryId, MessageId messageId, ConversationId conversationId, long seq, AccountId senderAccountId,
        int senderDeviceId, long serverTime, String payload) {
      this(deliveryId, messageId, conversationId, seq, senderAccountId, senderDeviceId, serverTime, payload, null);
    }
  }

  /**
   * Every device in {@code devices} has acknowledged every message in {@code messages}: messages of
   * this conversation that this account sent, in ascending seq. One receipt covers what the server
   * committed together (one device's acks of a burst of messages, many members' acks of one group
   * message), so receipts cost far fewer frames than messages.
   */
  @JsonTypeName("delivered")
  record Delivered(
      long deliveryId,
      ConversationId conversationId,
      List<DeviceRef> devices,
      List<MessageRef> messages,
      long serverTime) implements Delivery {}

  /** A message, by id and seq. */
  record MessageRef(MessageId messageId, long seq) {}

  /** A member has read the conversation up to and including {@code seq}. */
  @JsonTypeName("read")
  record ReadUpTo(
      long deliveryId,
      ConversationId conversationId,
      long seq,
      AccountId accountId,
      int deviceId,
      long serverTime) implements Delivery {}

  /** Everything queued for this device when it connected has been sent; live traffic follows. */
  @JsonTypeName("caught-up")
  record CaughtUp(long delivered) implements ServerFrame {}

  /**
   * A refused frame. {@code ref} is the clientMessageId of a refused send (or null); {@code details}
   * carries what the client needs to fix it, such as the device lists for {@code devices_mismatch}.
   */
  @JsonTypeName("error")
  record Error(String ref, ErrorCode code, String message, ErrorDetails details) implements ServerFrame {
    public Error(String ref, ErrorCode code, String message) {
      this(ref, code, message, null);
    }
  }

  /** Machine-readable detail of an error; only the fields that apply are set. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ErrorDetails(List<DeviceRef> missingDevices, List<DeviceRef> extraDevices, Long retryAfterSeconds) {}

  /** A device, by account and number. */
  record DeviceRef(AccountId accountId, int deviceId) {}

  @JsonTypeName("pong")
  record Pong(String id, long serverTime) implements ServerFrame {}
}
