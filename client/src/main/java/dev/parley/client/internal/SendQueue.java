package dev.parley.client.internal;

import dev.parley.client.Outbox;
import dev.parley.client.OutboxEntry;
import dev.parley.client.SendResult;
import dev.parley.client.SendResult.SendRefused;
import dev.parley.client.SendResult.SentMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ServerFrame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The sends awaiting an answer: the {@link Outbox} (what to send again after a reconnect) and the
 * futures to complete when the server answers. Futures complete on {@code completer}, never on the
 * connection thread, so app code chained on them cannot stall the socket.
 *
 * <p>Not thread-safe; owned by the connection thread.
 */
public final class SendQueue {
  /** What became of a refused send. */
  public enum Refusal {
    /** Refused for good; the future has its answer. */
    FINAL,
    /** Refused for now (rate limited, server busy); it stays queued and must be sent again later. */
    RETRY_LATER,
    /** Not one of ours (already answered): ignore. */
    UNKNOWN
  }

  private final Outbox outbox;
  private final Executor completer;
  private final EventDispatcher events;
  private final Map<String, CompletableFuture<SendResult>> futures = new HashMap<>();

  public SendQueue(Outbox outbox, Executor completer, EventDispatcher events) {
    this.outbox = outbox;
    this.completer = completer;
    this.events = events;
  }

  public void add(OutboxEntry entry, CompletableFuture<SendResult> future) {
    outbox.add(entry);
    futures.put(entry.clientMessageId(), future);
  }

  /** What to send on a new connection, oldest first. */
  public List<OutboxEntry> pending() {
    return outbox.pending();
  }

  public Optional<OutboxEntry> find(String clientMessageId) {
    return outbox.pending().stream().filter(e -> e.clientMessageId().equals(clientMessageId)).findFirst();
  }

  public void sent(ServerFrame.Sent sent) {
    // A retried send can be answered twice; only the first answer counts.
    if (!isPending(sent.clientMessageId())) {
      return;
    }
    finish(SentMessage.of(sent));
  }

  public Refusal refused(ServerFrame.Error error) {
    var entry = find(error.ref());
    if (entry.isEmpty()) {
      return Refusal.UNKNOWN;
    }
    if (error.code() == ErrorCode.RATE_LIMITED || error.code() == ErrorCode.UNAVAILABLE) {
      return Refusal.RETRY_LATER;
    }
    finish(new SendRefused(error.ref(), entry.get().conversationId(), error.code(), error.message(), error.details()));
    return Refusal.FINAL;
  }

  /** A refusal decided before sending (the payload is too large, say); the entry is never queued. */
  public void refuseUnsent(SendRefused refusal, CompletableFuture<SendResult> future) {
    completer.execute(() -> future.complete(refusal));
    events.sendResult(refusal);
  }

  /** Fails every waiting future; the outbox keeps its entries unless {@code dropEntries}. */
  public void failAll(RuntimeException cause, boolean dropEntries) {
    var waiting = List.copyOf(futures.values());
    futures.clear();
    if (dropEntries) {
      outbox.clear();
    }
    completer.execute(() -> waiting.forEach(f -> f.completeExceptionally(cause)));
  }

  private boolean isPending(String clientMessageId) {
    return futures.containsKey(clientMessageId) || find(clientMessageId).isPresent();
  }

  private void finish(SendResult result) {
    outbox.remove(result.clientMessageId());
    var future = futures.remove(result.clientMessageId());
    if (future != null) {
      completer.execute(() -> future.complete(result));
    }
    events.sendResult(result);
  }
}
