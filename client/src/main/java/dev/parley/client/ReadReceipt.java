package dev.parley.client;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import java.time.Instant;

/** A member has read a conversation up to and including {@code seq}. */
public record ReadReceipt(ConversationId conversationId, long seq, DeviceId reader, Instant serverTime) {}
