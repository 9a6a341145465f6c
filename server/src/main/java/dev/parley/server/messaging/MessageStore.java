package dev.parley.server.messaging;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.HistoryPage;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Messages, per-conversation sequence numbers and per-device delivery queues.
 *
 * <p>Writes return futures that complete once the write is committed (group commit), in the order
 * they were submitted; reads block. Every delivery in a device's queue has an id that grows in the
 * order the entries were committed, which is the order the device receives them. So the writes that
 * queue deliveries hand them to a {@code route} callback, on the store's completer in commit order,
 * before their futures complete: a continuation of the future could run late, on whatever thread
 * attached it, after deliveries committed later (and a live stream drops ids below its cursor).
 */
public interface MessageStore {

  /**
   * Stores the message and a delivery for each recipient in one transaction, giving it the next seq
   * of its conversation; {@code recipients} is asked at commit time who they are. A message whose
   * (sender device, clientMessageId) was stored before is not stored again: the first attempt's
   * answer comes back marked duplicate.
   */
  CompletableFuture<Outcome<Appended>> append(NewMessage message, RecipientResolver recipients, Consumer<List<Addressed>> route);

  /**
   * Removes the device's deliveries with these ids (ids of other devices and unknown ids are ignored)
   * and, in the same transaction, queues {@code delivered} receipts for the devices that
   * {@code routing} names for each removed message delivery. The receipts of all acks committed
   * together are merged ({@link ReceiptMerger}) and handed to {@code routing} once committed, after
   * the futures of their transaction have completed.
   */
  CompletableFuture<Void> ack(DeviceId device, Collection<Long> deliveryIds, ReceiptRouting routing);

  /**
   * Records that {@code reader}'s account has read the conversation up to {@code seq} and queues a
   * read receipt for each device {@code tell} names, given the accounts whose messages were newly
   * read; does nothing (and returns nothing) if the account had already read that far.
   */
  CompletableFuture<List<Addressed>> markRead(DeviceId reader, ConversationId conversationId, long seq,
      Function<Set<AccountId>, List<DeviceId>> tell, Consumer<List<Addressed>> route);

  /** Up to {@code limit} of the device's deliveries with id greater than {@code afterId}, in id order. */
  List<ServerFrame.Delivery> pending(DeviceId device, long afterId, int limit);

  /** How many deliveries the device has queued. */
  long pendingCount(DeviceId device);

  /**
   * A page of the conversation's messages in ascending seq, never at or below {@code floorSeq} (a
   * member sees what came after it joined): those before {@code beforeSeq} (the newest of them) or
   * after {@code afterSeq} (the oldest of them); with neither, the newest. Payloads are the shared
   * one, or the copy still held for {@code reader}.
   */
  HistoryPage history(ConversationId conversationId, DeviceId reader, Long beforeSeq, Long afterSeq, int limit, long floorSeq);

  /** The receipts of a message, or empty if the conversation has no such message. */
  Optional<ReceiptState> receipts(ConversationId conversationId, MessageId messageId);

  /** The highest seq in the conversation, 0 if it has no messages. */
  long lastSeq(ConversationId conversationId);

  /** Drops everything queued for a removed device. */
  CompletableFuture<Void> dropDevice(DeviceId device);
}
