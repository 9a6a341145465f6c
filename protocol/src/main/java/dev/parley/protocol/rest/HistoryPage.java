package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.MessageId;
import java.util.List;

/**
 * {@code GET /v1/conversations/{id}/messages}: messages in ascending seq. {@code payload} is the
 * shared payload, or the copy addressed to the asking device (null if it had none).
 */
public record HistoryPage(ConversationId conversationId, List<Entry> messages, boolean hasMore) {
  public record Entry(
      MessageId messageId, long seq, AccountId senderAccountId, int senderDeviceId, long serverTime, String payload) {}
}
