package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Captures every callback in queues, one per kind, for tests to await in order. */
final class RecordingListener implements ClientListener {
  private static final long TIMEOUT_SECONDS = 5;

  final BlockingQueue<IncomingMessage> messages = new LinkedBlockingQueue<>();
  final BlockingQueue<DeliveryReceipt> delivered = new LinkedBlockingQueue<>();
  final BlockingQueue<ReadReceipt> reads = new LinkedBlockingQueue<>();
  final BlockingQueue<Long> caughtUp = new LinkedBlockingQueue<>();
  final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
  final BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
  final BlockingQueue<ErrorCode> revoked = new LinkedBlockingQueue<>();
  final BlockingQueue<Boolean> replaced = new LinkedBlockingQueue<>();
  /** Every message in arrival order, never consumed. */
  final List<IncomingMessage> allMessages = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(IncomingMessage message) {
    allMessages.add(message);
    messages.add(message);
  }

  @Override
  public void onDelivered(DeliveryReceipt receipt) {
    delivered.add(receipt);
  }

  @Override
  public void onRead(ReadReceipt receipt) {
    reads.add(receipt);
  }

  @Override
  public void onCaughtUp(long count) {
    caughtUp.add(count);
  }

  @Override
  public void onStateChanged(ConnectionState state) {
    states.add(state);
  }

  @Override
  public void onSendResult(SendResult result) {
    results.add(result);
  }

  @Override
  public void onSessionRevoked(ErrorCode code) {
    revoked.add(code);
  }

  @Override
  public void onReplaced() {
    replaced.add(true);
  }

  IncomingMessage awaitMessage() throws InterruptedException {
    return await(messages, "a message");
  }

  DeliveryReceipt awaitDelivered() throws InterruptedException {
    return await(delivered, "a delivered receipt");
  }

  ReadReceipt awaitRead() throws InterruptedException {
    return await(reads, "a read receipt");
  }

  /** Consumes state changes until {@code expected} comes. */
  void awaitState(ConnectionState expected) throws InterruptedException {
    while (await(states, "state " + expected) != expected) {
      // Intermediate states (CONNECTING, WAITING_TO_RECONNECT) are fine.
    }
  }

  static <T> T await(BlockingQueue<T> queue, String what) throws InterruptedException {
    var item = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(item).as("%s within %d s", what, TIMEOUT_SECONDS).isNotNull();
    return item;
  }
}
