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
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The path of a message: validate a send, store it with its deliveries (durably, before the sender
 * hears {@code sent}), route each delivery to its device; acks turn into {@code delivered} receipts and
 * reads into {@code read} receipts, queued and routed the same way.
 *
 * <p>Thread-safe. {@link #send} does its checks on the calling thread from caches and returns at once;
 * the future completes on the store's committer thread, in submission order.
 */
public final class MessagingService {
  private final MessageStore store;
  private final MembershipService membership;
  private final Function<AccountId, List<DeviceId>> devicesOf;
  private final Router router;
  private final InstantSource clock;

  public MessagingService(MessageStore store, MembershipService membership, Function<AccountId, List<DeviceId>> devicesOf,
      Router router, InstantSource clock) {
    this.store = store;
    this.membership = membership;
    this.devicesOf = devicesOf;
    this.router = router;
    this.clock = clock;
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
    return store.append(message).thenApply(appended -> {
      route(appended.deliveries());
      return Outcome.ok(new SendReceipt(request.clientMessageId(), appended.messageId(), appended.conversationId(),
          appended.seq(), appended.serverTime()));
    });
  }

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
    if (perDevice) {
      for (var copy : request.payloads()) {
        if (copy == null || copy.device() == null || copy.payload() == null) {
          return Outcome.refused(ErrorCode.INVALID_FRAME, "each entry of payloads needs accountId, deviceId and payload");
        }
        if (exceedsLimit(copy.payload())) {
          return Outcome.refused(ErrorCode.PAYLOAD_TOO_LARGE,
              "payload for " + copy.device() + " is larger than " + Limits.MAX_PAYLOAD_BYTES + " bytes");
        }
      }
    }
    return membership.forMember(request.conversationId(), sender.account())
        .flatMap(conversation -> recipients(sender, conversation, request))
        .map(recipients -> new NewMessage(MessageId.generate(clock.millis()), request.conversationId(), sender,
            clientMessageId, clock.millis(), request.payload(), recipients));
  }

  /** Every current device of every member, except the sending device, with its payload. */
  private Outcome<List<NewMessage.Recipient>> recipients(DeviceId sender, Conversation conversation, SendRequest request) {
    var expected = new LinkedHashSet<DeviceId>();
    for (var member : conversation.memberAccounts()) {
      for (var device : devicesOf.apply(member)) {
        if (!device.equals(sender)) {
          expected.add(device);
        }
      }
    }
    if (request.payloads() == null) {
      return Outcome.ok(expected.stream().map(device -> new NewMessage.Recipient(device, null)).toList());
    }
    var given = new HashMap<DeviceId, String>();
    var extra = new ArrayList<DeviceRef>();
    for (var copy : request.payloads()) {
      if (!expected.contains(copy.device()) || given.put(copy.device(), copy.payload()) != null) {
        extra.add(ref(copy.device()));
      }
    }
    var missing = expected.stream().filter(device -> !given.containsKey(device)).map(MessagingService::ref).toList();
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
   * devices) that this device has it. A device's own copies of what its account sent produce no receipt.
   */
  public CompletableFuture<Void> ack(DeviceId device, Collection<Long> deliveryIds) {
    return store.ack(device, deliveryIds, acked -> acked.sender().account().equals(device.account())
            ? List.of()
            : devicesOf.apply(acked.sender().account()))
        .thenAccept(this::route);
  }

  /** The reader has read the conversation up to {@code seq}: tell the other members and its own other devices. */
  public CompletableFuture<Outcome<Long>> markRead(DeviceId reader, ConversationId conversationId, long seq) {
    if (seq < 1) {
      return CompletableFuture.completedFuture(Outcome.refused(ErrorCode.INVALID_FRAME, "seq must be positive"));
    }
    var conversation = membership.forMember(conversationId, reader.account());
    if (conversation instanceof Outcome.Refused<Conversation> refused) {
      return CompletableFuture.completedFuture(refused.cast());
    }
    var tell = new ArrayList<DeviceId>();
    for (var member : ((Outcome.Ok<Conversation>) conversation).value().memberAccounts()) {
      for (var device : devicesOf.apply(member)) {
        if (!device.equals(reader)) {
          tell.add(device);
        }
      }
    }
    return store.markRead(reader, conversationId, seq, tell).thenApply(receipts -> {
      route(receipts);
      return Outcome.ok(seq);
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
        .map(conversation -> store.history(conversationId, reader, beforeSeq, afterSeq, limit));
  }

  /** Forgets a removed device's queue. */
  public CompletableFuture<Void> dropDevice(DeviceId device) {
    return store.dropDevice(device);
  }

  private void route(List<Addressed> deliveries) {
    for (var addressed : deliveries) {
      router.deliver(addressed.device(), addressed.delivery());
    }
  }

}
