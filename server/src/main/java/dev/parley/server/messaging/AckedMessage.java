package dev.parley.server.messaging;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;

/** A message delivery that a device has acknowledged: who sent it, so the sender can be told. */
public record AckedMessage(DeviceId recipient, ConversationId conversationId, MessageId messageId, long seq, DeviceId sender) {}
