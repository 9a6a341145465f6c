package dev.parley.client;

import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.GroupEvent;
import dev.parley.protocol.MessageId;
import java.time.Instant;

/**
 * A message delivered to this device. Each message id reaches the listener once per client even
 * though the server delivers at least once.
 *
 * <p>Call {@link #ack()} once the app has handled the message (stored it, shown it): only then does
 * the server forget it and tell the sender it was delivered. A message that is never acked comes
 * back after the next reconnect, and unacked messages count against the server's delivery window,
 * so a client that stops acking stops receiving. With {@code autoAck(true)} the SDK acks after
 * {@link ClientListener#onMessage} returns (or throws, so one bad message cannot block the queue).
 *
 * <p>An interface so that app tests can fake it.
 */
public interface IncomingMessage {
  MessageId messageId();

  ConversationId conversationId();

  /** The message's position in its conversation, assigned by the server; pass it to {@code markRead}. */
  long seq();

  DeviceId sender();

  Instant serverTime();

  /** The payload addressed to this device (ciphertext when the app encrypts end to end); null for a group event. */
  String payload();

  /**
   * For a group's system message ("Alice added Bob"): what changed; {@link #sender()} made the
   * change. Null for ordinary messages.
   */
  default GroupEvent event() {
    return null;
  }

  /** Marks the message handled. Thread-safe and idempotent; returns at once (acks are batched). */
  void ack();
}
