package dev.parley.server.messaging;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import java.util.List;
import java.util.Map;

/** What the store knows of a message's receipts: devices that acked it, and every member's read marker. */
public record ReceiptState(long seq, DeviceId sender, List<DeliveredTo> deliveredTo, Map<AccountId, Long> readUpTo) {
  public record DeliveredTo(DeviceId device, long at) {}
}
