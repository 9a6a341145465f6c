package dev.parley.server.messaging.sql;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.HistoryPage;
import dev.parley.server.messaging.AckedMessage;
import dev.parley.server.messaging.Addressed;
import dev.parley.server.messaging.Appended;
import dev.parley.server.messaging.MessageStore;
import dev.parley.server.messaging.NewMessage;
import dev.parley.server.messaging.ReceiptMerger;
import dev.parley.server.messaging.ReceiptRouting;
import dev.parley.server.messaging.ReceiptState;
import dev.parley.server.messaging.RecipientResolver;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import dev.parley.server.store.IdBlocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link MessageStore} on SQLite or PostgreSQL. Writes go through the {@link GroupCommitter}, so a
 * device's delivery ids are committed in increasing order on this node.
 */
public final class SqlMessageStore implements MessageStore {
  static final String KIND_MESSAGE = "message";
  static final String KIND_DELIVERED = "delivered";
  static final String KIND_READ = "read";
  private static final String KIND_USER = "user";
  static final String KIND_EVENT = "event";

  /** Conversations whose last seq is kept in memory; beyond this the least recently used is read again. */
  private static final int CACHED_SEQS = 100_000;
  private static final int DELIVERY_ID_BLOCK = 4096;
  /** Deferred deliveries that make the committer insert what it holds before the transaction ends. */
  private static final int MAX_PENDING_DELIVERIES = 4096;
  /** Deliveries whose acks need not read their rows back (RecentDeliveries): some seconds' worth. */
  static final int RECENT_DELIVERIES = 65_536;

  private final SqlMessageReads reads;
  private final GroupCommitter committer;
  private final DeliveryDeletes deletes;
  private final InstantSource clock;
  // Committer thread only. These run ahead of the database inside a transaction, so they are dropped
  // when one rolls back (GroupCommitter.TransactionListener.rolledBack).
  private final IdBlocks deliveryIds = new IdBlocks("delivery", DELIVERY_ID_BLOCK);
  private final ReceiptMerger receipts = new ReceiptMerger();
  private final RecentDeliveries recent;
  // Acks submitted and not yet applied (applyAcks). A write that deletes deliveries or payload copies
  // itself must apply them first, or their receipts are lost.
  private final List<Ack> acks = new ArrayList<>();
  // Rows the committer's bulk INSERT_DELIVERY statement holds, not yet inserted: the deliveries of this
  // transaction's messages go in one batch when it finishes (flushDeliveries), so on PostgreSQL a
  // message costs one round trip, not two. At most about MAX_PENDING_DELIVERIES: sqlite-jdbc keeps a
  // statement's batch array at the largest size it has held (StatementCache.kept), and a batch of
  // group messages would otherwise hold a row per member per message.
  private int pendingDeliveries;
  private final Map<ConversationId, Long> lastSeqs = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<ConversationId, Long> eldest) {
      return size() > CACHED_SEQS;
    }
  };

  /**
   * Deliveries with ids up to here are durable. Queue reads stop at it: on SQLite a commit is visible
   * to readers a moment before the syncer has flushed it, and a device must never receive a message
   * that a power loss could take back (its sender would send it again, under a new id).
   */
  private volatile long durableDeliveryId;

  public SqlMessageStore(Database db, GroupCommitter committer, InstantSource clock) {
    this(db, committer, clock, RECENT_DELIVERIES);
  }

  /** {@code recentDeliveries}: how many of the last queued deliveries an ack finds in memory (0: none). */
  SqlMessageStore(Database db, GroupCommitter committer, InstantSource clock, int recentDeliveries) {
    this.recent = new RecentDeliveries(recentDeliveries);
    this.reads = new SqlMessageReads(db);
    this.committer = committer;
    this.deletes = new DeliveryDeletes(db.dialect());
    this.clock = clock;
    // Every id below the next block to reserve was committed before this store started.
    this.durableDeliveryId = reads.nextBlockStart("delivery") - 1;
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public Runnable finishing(Connection c) throws SQLException {
        var routeReceipts = queueReceipts(c);
        flushDeliveries(c); // the batch's message deliveries and its receipts, in one go
        return routeReceipts;
      }

      @Override
      public Runnable committing() {
        long mark = deliveryIds.lastIssued();
        return () -> durableDeliveryId = Math.max(durableDeliveryId, mark);
      }

      @Override
      public boolean mustSync() {
        // An ack's batch is not fsynced (ack below), but a block reserved in it is handed out at once.
        return deliveryIds.takeReserved();
      }

      @Override
      public void rolledBack() {
        lastSeqs.clear();
        deliveryIds.forget();
        recent.clear();
        acks.clear();
        receipts.clear();
        pendingDeliveries = 0; // the batch itself is discarded with the transaction
      }
    });
  }

  @Override
  public CompletableFuture<Outcome<Appended>> append(NewMessage message, RecipientResolver resolver,
      Consumer<List<Addressed>> route) {
    return committer.submit(c -> {
      var resolved = resolver.resolve(message);
      if (!(resolved instanceof Outcome.Ok<List<NewMessage.Recipient>>(var recipients))) {
        // A retry of a send stored before the refusing change still gets its first answer.
        return findByClientId(c, message)
            .<Outcome<Appended>>map(Outcome::ok)
            .orElseGet(() -> ((Outcome.Refused<List<NewMessage.Recipient>>) resolved).cast());
      }
      long seq = lastSeq(c, message.conversationId()) + 1;
      // The unique index on (sender device, clientMessageId) is the idempotency check: a retry
      // inserts nothing, leaves the seq unused and answers with the first attempt. Checking first
      // would cost a query per message.
      if (!insertMessage(c, message.id(), message.conversationId(), seq, message.sender(), message.clientMessageId(),
          message.serverTime(), message.sharedPayload(), KIND_USER)) {
        return Outcome.ok(findByClientId(c, message).orElseThrow());
      }
      lastSeqs.put(message.conversationId(), seq);
      var deliveries = queue(c, message.id(), message.conversationId(), seq, message.sender(), message.serverTime(),
          message.sharedPayload(), null, recipients, true);
      return Outcome.ok(new Appended(message.id(), message.conversationId(), seq, message.serverTime(), false, deliveries));
    }, outcome -> {
      if (outcome instanceof Outcome.Ok<Appended>(var appended) && !appended.deliveries().isEmpty()) {
        route.accept(appended.deliveries());
      }
    });
  }

  /** The conversation's last seq, from memory or, the first time, from its messages. */
  private long lastSeq(Connection c, ConversationId conversation) throws SQLException {
    var cached = lastSeqs.get(conversation);
    return cached != null ? cached : SqlMessageReads.lastSeq(c, conversation);
  }

  /**
   * Appends a group's system message inside the caller's transaction (the group change's): next seq,
   * the message row and a delivery for each recipient. For {@link SqlGroupEventAppender}.
   */
  Appended appendEvent(Connection c, ConversationId conversation, DeviceId actor, GroupEvent event, List<DeviceId> recipients,
      long now) throws SQLException {
    var id = MessageId.generate(now);
    long seq = lastSeq(c, conversation) + 1;
    var json = event.toJson();
    // An event has no clientMessageId of its own; its message id keeps the idempotency index unique.
    insertMessage(c, id, conversation, seq, actor, "event:" + id.value(), now, json, KIND_EVENT);
    lastSeqs.put(conversation, seq);
    // Inserted at once: the caller's transaction need not be the committer's.
    var deliveries = queue(c, id, conversation, seq, actor, now, null, event,
        recipients.stream().map(device -> new NewMessage.Recipient(device, null)).toList(), false);
    return new Appended(id, conversation, seq, now, false, deliveries);
  }

  /** Inserts the message row; false if the sender device already stored this clientMessageId. */
  private static boolean insertMessage(Connection c, MessageId id, ConversationId conversation, long seq, DeviceId sender,
      String clientMessageId, long serverTime, String payload, String kind) throws SQLException {
    var s = GroupCommitter.statement(c, """
        INSERT INTO messages (id, conversation_id, seq, sender_account_id, sender_device_id, client_message_id, server_time, payload, kind)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (sender_account_id, sender_device_id, client_message_id) DO NOTHING""");
    s.setString(1, id.value());
    s.setString(2, conversation.value());
    s.setLong(3, seq);
    s.setString(4, sender.account().value());
    s.setInt(5, sender.number());
    s.setString(6, clientMessageId);
    s.setLong(7, serverTime);
    s.setString(8, payload);
    s.setString(9, kind);
    return s.executeUpdate() == 1;
  }

  /**
   * Queues a delivery of the message for each recipient (and stores per-device payloads), in one
   * batch per table; {@code deferred}: the deliveries join the transaction's batch, inserted when it
   * finishes ({@link #flushDeliveries}), which only a work of the committer may ask for.
   */
  private List<Addressed> queue(Connection c, MessageId id, ConversationId conversation, long seq, DeviceId sender,
      long serverTime, String sharedPayload, GroupEvent event, List<NewMessage.Recipient> recipients, boolean deferred)
      throws SQLException {
    var deliveries = new ArrayList<Addressed>(recipients.size());
    var payloads = GroupCommitter.statement(c, INSERT_PAYLOAD);
    var queue = deferred ? GroupCommitter.bulkStatement(c, INSERT_DELIVERY) : GroupCommitter.statement(c, INSERT_DELIVERY);
    boolean anyPayload = false;
    for (var recipient : recipients) {
      boolean copy = recipient.payload() != null;
      if (copy) {
        payloads.setString(1, id.value());
        payloads.setString(2, recipient.device().account().value());
        payloads.setInt(3, recipient.device().number());
        payloads.setString(4, recipient.payload());
        payloads.addBatch();
        anyPayload = true;
      }
      long deliveryId = addDelivery(c, queue, recipient.device(), KIND_MESSAGE, conversation, id, seq, sender, serverTime, copy,
          null);
      deliveries.add(new Addressed(recipient.device(), new ServerFrame.Message(deliveryId, id, conversation, seq,
          sender.account(), sender.number(), serverTime, copy ? recipient.payload() : sharedPayload, event)));
    }
    if (anyPayload) {
      payloads.executeBatch();
    }
    if (deferred) {
      pendingDeliveries += deliveries.size();
      if (pendingDeliveries >= MAX_PENDING_DELIVERIES) {
        flushDeliveries(c);
      }
    } else if (!deliveries.isEmpty()) {
      queue.executeBatch();
    }
    return deliveries;
  }

  /** Inserts the deliveries queued for the transaction so far ({@code queue(..., deferred)}). */
  private void flushDeliveries(Connection c) throws SQLException {
    if (pendingDeliveries > 0) {
      pendingDeliveries = 0;
      GroupCommitter.bulkStatement(c, INSERT_DELIVERY).executeBatch();
    }
  }

  private static Optional<Appended> findByClientId(Connection c, NewMessage message) throws SQLException {
    try (var s = c.prepareStatement("""
        SELECT id, conversation_id, seq, server_time FROM messages
        WHERE sender_account_id = ? AND sender_device_id = ? AND client_message_id = ?""")) {
      s.setString(1, message.sender().account().value());
      s.setInt(2, message.sender().number());
      s.setString(3, message.clientMessageId());
      try (var rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Appended(new MessageId(rs.getString(1)), new ConversationId(rs.getString(2)),
            rs.getLong(3), rs.getLong(4), true, List.of()));
      }
    }
  }

  private static final String INSERT_PAYLOAD =
      "INSERT INTO message_payloads (message_id, account_id, device_id, payload) VALUES (?, ?, ?, ?)";
  private static final String DELETE_PAYLOAD = "DELETE FROM message_payloads WHERE message_id = ? AND account_id = ? AND device_id = ?";
  private static final String INSERT_RECEIPT = """
      INSERT INTO message_receipts (message_id, account_id, device_id, delivered_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (message_id, account_id, device_id) DO NOTHING""";
  private static final String INSERT_DELIVERY = """
      INSERT INTO deliveries (account_id, device_id, id, kind, conversation_id, message_id, seq, actor_account_id, actor_device_id,
                              created_at, has_copy, receipt)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  /**
   * Adds a delivery to {@code s}'s batch ({@link #INSERT_DELIVERY}), notes what its ack will need
   * ({@link RecentDeliveries}), and returns its id.
   */
  private long addDelivery(Connection c, PreparedStatement s, DeviceId device, String kind, ConversationId conversation,
      MessageId messageId, long seq, DeviceId actor, long time, boolean copy, String receipt) throws SQLException {
    long id = deliveryIds.next(c);
    s.setString(1, device.account().value());
    s.setInt(2, device.number());
    s.setLong(3, id);
    s.setString(4, kind);
    s.setString(5, conversation.value());
    s.setString(6, messageId == null ? null : messageId.value());
    s.setLong(7, seq);
    s.setString(8, actor.account().value());
    s.setInt(9, actor.number());
    s.setLong(10, time);
    s.setInt(11, copy ? 1 : 0);
    s.setString(12, receipt);
    s.addBatch();
    recent.queued(id, KIND_MESSAGE.equals(kind) ? new RecentDeliveries.Queued(conversation, messageId, seq, actor)
        : RecentDeliveries.NOT_A_MESSAGE);
    return id;
  }

  @Override
  public CompletableFuture<Void> ack(DeviceId device, Collection<Long> deliveryIds, ReceiptRouting routing) {
    if (deliveryIds.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    var ack = new Ack(device, List.copyOf(deliveryIds), routing);
    // Applied with the batch's other acks (applyAcks): a thousand members acking a group message
    // each in a frame of its own are a few statements, not a thousand. Unsynced: an ack acknowledges
    // nothing to anyone, and one a crash takes back only means the delivery comes again (at-least-once).
    return committer.submitUnsynced(c -> {
      acks.add(ack);
      return null;
    });
  }

  /** An ack not yet applied: its transaction applies it, with the others of its batch, before it commits. */
  private record Ack(DeviceId device, List<Long> ids, ReceiptRouting routing) {}

  /**
   * Applies the acks submitted since the last call, in one pass: deletes their deliveries, drops the
   * per-device payload copies those had, records a receipt row for each message and hands the
   * receipts to the merger. Runs before the batch's receipts are queued and before any write that
   * deletes deliveries itself, so an ack takes effect in the order it was submitted.
   */
  private void applyAcks(Connection c) throws SQLException {
    if (acks.isEmpty()) {
      return;
    }
    long now = clock.millis();
    var applying = List.copyOf(acks);
    acks.clear();
    var deleted = deleteDeliveries(c, applying);
    var dropPayload = GroupCommitter.statement(c, DELETE_PAYLOAD);
    var receipt = GroupCommitter.statement(c, INSERT_RECEIPT);
    boolean anyCopy = false;
    boolean anyReceipt = false;
    for (var row : deleted) {
      var message = row.message();
      var device = message.recipient();
      if (row.hadCopy()) {
        dropPayload.setString(1, message.messageId().value());
        dropPayload.setString(2, device.account().value());
        dropPayload.setInt(3, device.number());
        dropPayload.addBatch();
        anyCopy = true;
      }
      if (!message.sender().account().equals(device.account())) {
        receipt.setString(1, message.messageId().value());
        receipt.setString(2, device.account().value());
        receipt.setInt(3, device.number());
        receipt.setLong(4, now);
        receipt.addBatch();
        anyReceipt = true;
      }
      // Queued once for the whole batch, merged with the other acks' (queueReceipts).
      receipts.add(message, row.routing());
    }
    if (anyCopy) {
      dropPayload.executeBatch();
    }
    if (anyReceipt) {
      receipt.executeBatch();
    }
  }

  /**
   * Queues the {@code delivered} receipts of the batch's acks, merged (one per device told,
   * conversation and set of acking devices), beside the batch's deferred message deliveries
   * ({@link #flushDeliveries} inserts them); they are routed after those, which have lower ids.
   */
  private Runnable queueReceipts(Connection c) throws SQLException {
    applyAcks(c);
    if (receipts.isEmpty()) {
      return () -> {};
    }
    long now = clock.millis();
    var queue = GroupCommitter.bulkStatement(c, INSERT_DELIVERY);
    var merged = receipts.drain();
    var addressed = new ArrayList<Addressed>(merged.size());
    for (var receipt : merged) {
      var devices = receipt.devices();
      var messages = receipt.messages();
      var first = devices.getFirst();
      long id = addDelivery(c, queue, receipt.target(), KIND_DELIVERED, receipt.conversationId(), null, messages.getLast().seq(),
          new DeviceId(first.accountId(), first.deviceId()), now, false, ReceiptColumn.encode(devices, messages));
      addressed.add(new Addressed(receipt.target(), new ServerFrame.Delivered(id, receipt.conversationId(), devices, messages, now)));
    }
    pendingDeliveries += merged.size();
    // One by one in id order, so each device gets its receipts in order whichever routing each has.
    return () -> {
      for (int i = 0; i < merged.size(); i++) {
        merged.get(i).routing().route(List.of(addressed.get(i)));
      }
    };
  }

  /** A message delivery an ack removed, whether its device had a payload copy of its own, and whom to tell. */
  private record DeletedMessage(AckedMessage message, boolean hadCopy, ReceiptRouting routing) {}

  /**
   * Deletes the deliveries the acks name, a few statements for all of them rather than one per ack,
   * and returns the message deliveries among them, ack by ack in delivery order. An id can only be
   * deleted by the device it was queued for; ids of other devices and unknown ids are ignored.
   */
  private List<DeletedMessage> deleteDeliveries(Connection c, List<Ack> applying) throws SQLException {
    // A round names each id once, so a returned id names the pair that deleted it. A pair whose id
    // another device's pair already names waits for the next round; a (device, id) pair named again (a
    // repeated ack) is dropped, the first ack naming it gets the credit. So rounds are bounded by the
    // devices naming one id, however many times a client repeats it.
    var byAck = new ArrayList<TreeMap<Long, DeletedMessage>>(applying.size());
    var rest = new ArrayList<Pair>();
    var named = new HashSet<DeviceDelivery>();
    for (int i = 0; i < applying.size(); i++) {
      byAck.add(new TreeMap<>());
      for (long id : applying.get(i).ids()) {
        if (named.add(new DeviceDelivery(applying.get(i).device(), id))) {
          rest.add(new Pair(i, id));
        }
      }
    }
    while (!rest.isEmpty()) {
      var round = new LinkedHashMap<Long, Pair>();
      var later = new ArrayList<Pair>();
      for (var pair : rest) {
        if (round.putIfAbsent(pair.id(), pair) != null) {
          later.add(pair);
        }
      }
      for (var chunk : chunks(List.copyOf(round.values()))) {
        boolean idsOnly = chunk.stream().allMatch(pair -> recent.holds(pair.id()));
        var devices = new ArrayList<DeviceId>(chunk.size());
        var ids = new long[chunk.size()];
        for (int i = 0; i < ids.length; i++) {
          devices.add(applying.get(chunk.get(i).ack()).device());
          ids[i] = chunk.get(i).id();
        }
        try (var rs = deletes.delete(c, devices, ids, idsOnly)) {
          while (rs.next()) {
            long id = rs.getLong(1);
            boolean hadCopy = rs.getInt(2) != 0;
            var held = recent.remove(id);
            if (idsOnly ? held == RecentDeliveries.NOT_A_MESSAGE : !KIND_MESSAGE.equals(rs.getString(3))) {
              continue;
            }
            var message = idsOnly ? held : new RecentDeliveries.Queued(new ConversationId(rs.getString(4)),
                new MessageId(rs.getString(5)), rs.getLong(6), new DeviceId(new AccountId(rs.getString(7)), rs.getInt(8)));
            int ackIndex = round.get(id).ack();
            var ack = applying.get(ackIndex);
            byAck.get(ackIndex).put(id, new DeletedMessage(new AckedMessage(ack.device(), message.conversationId(),
                message.messageId(), message.seq(), message.sender()), hadCopy, ack.routing()));
          }
        }
      }
      rest = later;
    }
    var deleted = new ArrayList<DeletedMessage>();
    byAck.forEach(messages -> deleted.addAll(messages.values()));
    return deleted;
  }

  /** One id an ack names, and which of the acks being applied it came from. */
  private record Pair(int ack, long id) {}

  private record DeviceDelivery(DeviceId device, long id) {}

  /** The pairs in deletes of at most {@link DeliveryDeletes#maxPairs()}. */
  private List<List<Pair>> chunks(List<Pair> pairs) {
    var chunks = new ArrayList<List<Pair>>();
    for (int from = 0; from < pairs.size(); from += deletes.maxPairs()) {
      chunks.add(pairs.subList(from, Math.min(pairs.size(), from + deletes.maxPairs())));
    }
    return chunks;
  }

  @Override
  public CompletableFuture<List<Addressed>> markRead(DeviceId reader, ConversationId conversationId, long seq,
      Function<Set<AccountId>, List<DeviceId>> tell, Consumer<List<Addressed>> route) {
    return committer.submit(c -> {
      long before = 0;
      try (var s = c.prepareStatement("SELECT seq FROM read_markers WHERE conversation_id = ? AND account_id = ?")) {
        s.setString(1, conversationId.value());
        s.setString(2, reader.account().value());
        try (var rs = s.executeQuery()) {
          if (rs.next()) {
            before = rs.getLong(1);
          }
        }
      }
      if (seq <= before) {
        return List.<Addressed>of();
      }
      try (var s = c.prepareStatement("""
          INSERT INTO read_markers (conversation_id, account_id, seq) VALUES (?, ?, ?)
          ON CONFLICT (conversation_id, account_id) DO UPDATE SET seq = excluded.seq""")) {
        s.setString(1, conversationId.value());
        s.setString(2, reader.account().value());
        s.setLong(3, seq);
        s.executeUpdate();
      }
      var senders = new LinkedHashSet<AccountId>();
      try (var s = c.prepareStatement("""
          SELECT DISTINCT sender_account_id FROM messages
          WHERE conversation_id = ? AND seq > ? AND seq <= ? AND kind = 'user' AND sender_account_id <> ?""")) {
        s.setString(1, conversationId.value());
        s.setLong(2, before);
        s.setLong(3, seq);
        s.setString(4, reader.account().value());
        try (var rs = s.executeQuery()) {
          while (rs.next()) {
            senders.add(new AccountId(rs.getString(1)));
          }
        }
      }
      long now = clock.millis();
      var targets = tell.apply(senders);
      var receipts = new ArrayList<Addressed>(targets.size());
      try (var queue = c.prepareStatement(INSERT_DELIVERY)) {
        for (var target : targets) {
          long id = addDelivery(c, queue, target, KIND_READ, conversationId, null, seq, reader, now, false, null);
          receipts.add(new Addressed(target,
              new ServerFrame.ReadUpTo(id, conversationId, seq, reader.account(), reader.number(), now)));
        }
        if (!receipts.isEmpty()) {
          queue.executeBatch();
        }
      }
      return receipts;
    }, route);
  }

  @Override
  public List<ServerFrame.Delivery> pending(DeviceId device, long afterId, int limit) {
    return reads.pending(device, afterId, limit, durableDeliveryId);
  }

  @Override
  public long pendingCount(DeviceId device) {
    return reads.pendingCount(device);
  }

  @Override
  public HistoryPage history(ConversationId conversationId, DeviceId reader, Long beforeSeq, Long afterSeq, int limit, long floorSeq) {
    return reads.history(conversationId, reader, beforeSeq, afterSeq, limit, floorSeq);
  }

  @Override
  public Optional<ReceiptState> receipts(ConversationId conversationId, MessageId messageId) {
    return reads.receipts(conversationId, messageId);
  }

  @Override
  public long lastSeq(ConversationId conversationId) {
    return reads.lastSeq(conversationId);
  }

  @Override
  public CompletableFuture<Void> dropDevice(DeviceId device) {
    return committer.submit(c -> {
      // Deliveries queued and acks submitted before this are applied first: those rows go too, and
      // the acks' receipts are still due.
      flushDeliveries(c);
      applyAcks(c);
      for (var table : List.of("deliveries", "message_payloads")) {
        try (var s = c.prepareStatement("DELETE FROM " + table + " WHERE account_id = ? AND device_id = ?")) {
          s.setString(1, device.account().value());
          s.setInt(2, device.number());
          s.executeUpdate();
        }
      }
      return null;
    });
  }
}
