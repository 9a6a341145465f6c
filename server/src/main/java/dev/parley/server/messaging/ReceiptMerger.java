package dev.parley.server.messaging;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame.DeviceRef;
import dev.parley.protocol.frame.ServerFrame.MessageRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the {@code delivered} receipts that the acks of one commit produce and merges them: each
 * device of a sender gets one receipt per conversation and set of acking devices, however many
 * messages and acks it covers. One device acking a burst of 1:1 messages becomes one receipt, not one
 * per message; a thousand members acking the same group message in one commit become one receipt, not
 * a thousand. Receipts are the busiest rows and frames of a chat server (each message gets one per
 * recipient device), so this halves what a delivered message costs (docs/performance.md).
 *
 * <p>Not thread-safe: the store's committer fills it while it runs a batch's acks and drains it once
 * before the batch commits.
 */
public final class ReceiptMerger {

  /**
   * One merged receipt for {@code target}: every device in {@code devices} has every message in
   * {@code messages}. Once committed it goes to {@code routing}.
   */
  public record Receipt(DeviceId target, ConversationId conversationId, List<DeviceRef> devices, List<MessageRef> messages,
      ReceiptRouting routing) {}

  private record Key(ConversationId conversation, AccountId sender) {}

  /** One sender's messages in one conversation: who acked each, and whom to tell. */
  private record Acks(List<DeviceId> targets, ReceiptRouting routing, Map<Long, Acked> bySeq) {}

  private record Acked(MessageRef message, LinkedHashSet<DeviceRef> devices) {}

  private final Map<Key, Acks> pending = new LinkedHashMap<>();

  /** {@code acked.recipient()} has acked the message; the devices {@code routing} names are to be told. */
  public void add(AckedMessage acked, ReceiptRouting routing) {
    var targets = routing.targets(acked);
    if (targets.isEmpty()) {
      return;
    }
    // The devices told are those of the sender's account, the same for each of its messages.
    var acks = pending.computeIfAbsent(new Key(acked.conversationId(), acked.sender().account()),
        key -> new Acks(targets, routing, new TreeMap<>()));
    acks.bySeq()
        .computeIfAbsent(acked.seq(), seq -> new Acked(new MessageRef(acked.messageId(), seq), new LinkedHashSet<>()))
        .devices()
        .add(new DeviceRef(acked.recipient().account(), acked.recipient().number()));
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }

  /** The merged receipts of everything added since the last drain, and forgets them. */
  public List<Receipt> drain() {
    var receipts = new ArrayList<Receipt>();
    for (var entry : pending.entrySet()) {
      // Messages acked by the same devices share a receipt; in ascending seq, as the bySeq map is.
      var byDevices = new LinkedHashMap<List<DeviceRef>, List<MessageRef>>();
      for (var acked : entry.getValue().bySeq().values()) {
        var devices = acked.devices().stream().sorted(DEVICE_ORDER).toList();
        byDevices.computeIfAbsent(devices, d -> new ArrayList<>()).add(acked.message());
      }
      for (var target : entry.getValue().targets()) {
        byDevices.forEach((devices, messages) ->
            receipts.add(new Receipt(target, entry.getKey().conversation(), devices, List.copyOf(messages),
                entry.getValue().routing())));
      }
    }
    pending.clear();
    return receipts;
  }

  /** Forgets what was added (its transaction rolled back). */
  public void clear() {
    pending.clear();
  }

  private static final Comparator<DeviceRef> DEVICE_ORDER =
      Comparator.comparing((DeviceRef d) -> d.accountId().value()).thenComparingInt(DeviceRef::deviceId);
}
