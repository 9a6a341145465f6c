package dev.parley.client;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import java.time.Instant;

/** A recipient device has received (acked) a message this account sent. */
public record DeliveryReceipt(
    ConversationId conversationId, MessageId messageId, long seq, DeviceId recipient, Instant serverTime) {}
