package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.MessageId;
import java.util.List;

/**
 * {@code GET /v1/conversations/{id}/messages}: messages in ascending seq. {@code payload} is the
 * shared payload, or the copy addressed to the asking device (null if it had none).
 */
public record HistoryPage(ConversationId conversationId, List<Entry> messages, boolean hasMore) {
  /** One message; a group's system message has {@code event} set instead of a payload. */
  public record Entry(
      MessageId messageId, long seq, AccountId senderAccountId, int senderDeviceId, long serverTime, String payload,
      GroupEvent event) {

    public Entry(MessageId messageId, long seq, AccountId senderAccountId, int senderDeviceId, long serverTime, String payload) {
      this(messageId, seq, senderAccountId, senderDeviceId, serverTime, payload, null);
    }
  }
}
