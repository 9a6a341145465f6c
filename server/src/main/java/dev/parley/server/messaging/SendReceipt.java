package dev.parley.server.messaging;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.MessageId;

/** What the sender is told once its message is durably stored. */
public record SendReceipt(String clientMessageId, MessageId messageId, ConversationId conversationId, long seq, long serverTime) {}
