package dev.parley.server.messaging;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Limits;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ServerFrame.DeviceRef;
import dev.parley.protocol.frame.ServerFrame.ErrorDetails;
import dev.parley.protocol.rest.HistoryPage;
import dev.parley.protocol.rest.MessageReceipts;
import dev.parley.server.cluster.Router;
import dev.parley.server.groups.Conversation;
import dev.parley.server.groups.MembershipService;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of a message: validate a send, store it with its deliveries (durably, before the sender
 * hears {@code sent}), route each delivery to its device; acks turn into {@code delivered} receipts and
 * reads into {@code read} receipts, queued and routed the same way.
 *
 * <p>Thread-safe. {@link #send} does its checks on the calling thread from caches and returns at once;
 * the future completes on the store's committer thread, in submission order.
 */
public final class MessagingService {
  private static final Logger log = LoggerFactory.getLogger(MessagingService.class);

  private final MessageStore store;
  private final MembershipService membership;
  private final Function<AccountId, List<DeviceId>> devicesOf;
  private final Router router;
  private final InstantSource clock;
  private final ReceiptRouting receiptRouting;

  public MessagingService(MessageStore store, MembershipService membership, Function<AccountId, List<DeviceId>> devicesOf,
      Router router, InstantSource clock) {
    this.store = store;
    this.membership = membership;
    this.devicesOf = devicesOf;
    this.router = router;
    this.clock = clock;
    this.receiptRouting = ReceiptRouting.of(acked -> acked.sender().account().equals(acked.recipient().account())
        ? List.of()
        : devicesOf.apply(acked.sender().account()), this::route);
  }

  public MessageStore store() {
    return store;
  }

  /** Validates and stores a send; the future holds the receipt for the sender, or why it was refused. */
  public CompletableFuture<Outcome<SendReceipt>> send(DeviceId sender, SendRequest request) {
    var checked = check(sender, request);
    if (checked instanceof Outcome.Refused<NewMessage> refused) {
      return CompletableFuture.completedFuture(refused.cast());
    }
    var message = ((Outcome.Ok<NewMessage>) checked).value();
    return store.append(message, this::recipients, this::route).thenApply(outcome -> outcome.map(appended ->
        new SendReceipt(request.clientMessageId(), appended.messageId(), appended.conversationId(), appended.seq(),
            appended.serverTime())));
  }

  /** Whether a send or read in this conversation is checked from caches alone, without a database read. */
  public boolean checksFromCache(ConversationId conversationId) {
    return membership.isCached(conversationId);
  }

  /** Checks what can be checked before the commit; membership is checked again when it commits. */
  private Outcome<NewMessage> check(DeviceId sender, SendRequest request) {
    var clientMessageId = request.clientMessageId();
    if (clientMessageId == null || clientMessageId.isBlank() || clientMessageId.length() > Limits.MAX_CLIENT_MESSAGE_ID_LENGTH) {
      return Outcome.refused(ErrorCode.INVALID_FRAME,
          "clientMessageId is required (1.." + Limits.MAX_CLIENT_MESSAGE_ID_LENGTH + " characters)");
    }
    if (request.conversationId() == null) {
      return Outcome.refused(ErrorCode.INVALID_FRAME, "conversationId is required");
    }
    boolean shared = request.payload() != null;
    boolean perDevice = request.payloads() != null;
    if (shared == perDevice) {
      return Outcome.refused(ErrorCode.INVALID_FRAME, "exactly one of payload and payloads is required");
    }
    if (shared && exceedsLimit(request.payload())) {
      return Outcome.refused(ErrorCode.PAYLOAD_TOO_LARGE, "payload is larger than " + Limits.MAX_PAYLOAD_BYTES + " bytes");
    }
    Map<DeviceId, String> copies = null;
    var extra = new ArrayList<DeviceRef>();
    if (perDevice) {
      copies = new HashMap<>();
      for (var copy : request.payloads()) {
        if (copy == null || copy.device() == null || copy.payload() == null) {
          return Outcome.refused(ErrorCode.INVALID_FRAME, "each entry of payloads needs accountId, deviceId and payload");
        }
        if (exceedsLimit(copy.payload())) {
          return Outcome.refused(ErrorCode.PAYLOAD_TOO_LARGE,
              "payload for " + copy.device() + " is larger than " + Limits.MAX_PAYLOAD_BYTES + " bytes");
        }
        if (copies.put(copy.device(), copy.payload()) != null) {
          extra.add(ref(copy.device()));
        }
      }
    }
    if (!extra.isEmpty()) {
      return Outcome.refused(ErrorCode.DEVICES_MISMATCH, "a device is addressed twice", new ErrorDetails(List.of(), extra, null));
    }
    var devicePayloads = copies;
    return membership.forMember(request.conversationId(), sender.account())
        .map(conversation -> new NewMessage(MessageId.generate(clock.millis()), request.conversationId(), sender,
            clientMessageId, clock.millis(), request.payload(), devicePayloads));
  }

  /**
   * At commit time: every current device of every current member, except the sending device. The
   * sender must still be a member (and an admin, in an announcement group), and per-device payloads
   * must address exactly these devices.
   */
  private Outcome<List<NewMessage.Recipient>> recipients(NewMessage message) {
    var conversation = membership.current(message.conversationId());
    var sender = message.sender();
    if (conversation.isEmpty() || !conversation.get().isMember(sender.account())) {
      return Outcome.refused(ErrorCode.NOT_A_MEMBER, "you are not a member of this conversation");
    }
    if (conversation.get().settings().onlyAdminsSend() && !conversation.get().isAdmin(sender.account())) {
      return Outcome.refused(ErrorCode.NOT_AN_ADMIN, "only admins may send to this group");
    }
    var expected = new LinkedHashSet<DeviceId>();
    for (var member : conversation.get().memberAccounts()) {
      for (var device : devicesOf.apply(member)) {
        if (!device.equals(sender)) {
          expected.add(device);
        }
      }
    }
    var given = message.devicePayloads();
    if (given == null) {
      return Outcome.ok(expected.stream().map(device -> new NewMessage.Recipient(device, null)).toList());
    }
    var missing = expected.stream().filter(device -> !given.containsKey(device)).map(MessagingService::ref).toList();
    var extra = given.keySet().stream().filter(device -> !expected.contains(device)).map(MessagingService::ref).toList();
    if (!missing.isEmpty() || !extra.isEmpty()) {
      return Outcome.refused(ErrorCode.DEVICES_MISMATCH,
          "payloads must address exactly the current devices of the conversation's members (and your other devices)",
          new ErrorDetails(missing, extra, null));
    }
    return Outcome.ok(expected.stream().map(device -> new NewMessage.Recipient(device, given.get(device))).toList());
  }

  private static DeviceRef ref(DeviceId device) {
    return new DeviceRef(device.account(), device.number());
  }

  private static boolean exceedsLimit(String payload) {
    // Most payloads are far below the limit; only count bytes when the length leaves room for doubt.
    return payload.length() > Limits.MAX_PAYLOAD_BYTES / 3
        && payload.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_PAYLOAD_BYTES;
  }

  /**
   * The device has handled these deliveries: forget them, and tell each message's sender (all its
   * devices) that this device has it, in receipts merged with those of the acks committed alongside.
   * A device's own copies of what its account sent produce no receipt.
   */
  public CompletableFuture<Void> ack(DeviceId device, Collection<Long> deliveryIds) {
    return store.ack(device, deliveryIds, receiptRouting);
  }

  /**
   * The reader has read the conversation up to {@code seq}: tell the senders of the messages it had
   * not read yet (all their devices) and the reader's own other devices.
   */
  public CompletableFuture<Outcome<Long>> markRead(DeviceId reader, ConversationId conversationId, long seq) {
    if (seq < 1) {
      return CompletableFuture.completedFuture(Outcome.refused(ErrorCode.INVALID_FRAME, "seq must be positive"));
    }
    var conversation = membership.forMember(conversationId, reader.account());
    if (conversation instanceof Outcome.Refused<Conversation> refused) {
      return CompletableFuture.completedFuture(refused.cast());
    }
    return store.markRead(reader, conversationId, seq, senders -> {
      var tell = new ArrayList<DeviceId>();
      for (var device : devicesOf.apply(reader.account())) {
        if (!device.equals(reader)) {
          tell.add(device);
        }
      }
      senders.forEach(sender -> tell.addAll(devicesOf.apply(sender)));
      return tell;
    }, this::route).thenApply(receipts -> Outcome.ok(seq));
  }

  /** Who has received and read a message: for its sender's account only. */
  public Outcome<MessageReceipts> receipts(AccountId asker, ConversationId conversationId, MessageId messageId) {
    return membership.forMember(conversationId, asker).flatMap(conversation -> {
      var state = store.receipts(conversationId, messageId);
      if (state.isEmpty() || !state.get().sender().account().equals(asker)) {
        return Outcome.refused(ErrorCode.NOT_FOUND, "no message " + messageId + " of yours in this conversation");
      }
      var receipts = state.get();
      var recipients = conversation.memberAccounts().stream().filter(a -> !a.equals(asker)).toList();
      var delivered = receipts.deliveredTo().stream()
          .map(d -> new MessageReceipts.Delivered(d.device().account(), d.device().number(), d.at()))
          .toList();
      var readBy = receipts.readUpTo().entrySet().stream()
          .filter(e -> !e.getKey().equals(asker) && e.getValue() >= receipts.seq())
          .map(e -> new MessageReceipts.Read(e.getKey(), e.getValue()))
          .toList();
      var deliveredAccounts = delivered.stream().map(MessageReceipts.Delivered::accountId).collect(java.util.stream.Collectors.toSet());
      var readAccounts = readBy.stream().map(MessageReceipts.Read::accountId).collect(java.util.stream.Collectors.toSet());
      return Outcome.ok(new MessageReceipts(messageId, receipts.seq(), recipients, delivered, readBy,
          deliveredAccounts.containsAll(recipients), readAccounts.containsAll(recipients)));
    });
  }

  /** A page of history, for members only. */
  public Outcome<HistoryPage> history(DeviceId reader, ConversationId conversationId, Long beforeSeq, Long afterSeq, int limit) {
    if (beforeSeq != null && afterSeq != null) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "give before or after, not both");
    }
    if (limit < 1 || limit > Limits.MAX_HISTORY_PAGE) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "limit must be 1.." + Limits.MAX_HISTORY_PAGE);
    }
    return membership.forMember(conversationId, reader.account())
        .map(conversation -> store.history(conversationId, reader, beforeSeq, afterSeq, limit,
            conversation.member(reader.account()).map(Conversation.Member::joinedSeq).orElse(0L)));
  }

  /** Forgets a removed device's queue. */
  public CompletableFuture<Void> dropDevice(DeviceId device) {
    return store.dropDevice(device);
  }

  private void route(List<Addressed> deliveries) {
    for (var addressed : deliveries) {
      try {
        router.deliver(addressed.device(), addressed.delivery());
      } catch (RuntimeException e) {
        // One socket's failure must not keep the others from their deliveries; this one stays queued.
        log.error("routing delivery {} to {} failed", addressed.delivery().deliveryId(), addressed.device(), e);
      }
    }
  }

}
