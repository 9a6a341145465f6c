package dev.parley.server.messaging;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.MessageId;
import java.util.List;

/**
 * A stored message. For a retried send ({@code duplicate}) the ids, seq and time are those of the
 * first attempt and {@code deliveries} is empty: the first attempt queued them.
 */
public record Appended(
    MessageId messageId, ConversationId conversationId, long seq, long serverTime, boolean duplicate,
    List<Addressed> deliveries) {}
