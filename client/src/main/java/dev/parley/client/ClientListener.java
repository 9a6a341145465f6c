package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/**
 * Receives what happens on a client's connection. Every method has a do-nothing default, so an app
 * overrides only what it needs; {@link #NONE} ignores everything.
 *
 * <p><b>Threading.</b> All callbacks run on one SDK thread ({@code parley-client-events}), one at a
 * time, in the order the events happened: the backlog's messages arrive in order, then
 * {@link #onCaughtUp}. A slow callback delays the ones after it but never the socket; a callback
 * that throws is logged and does not stop later ones. Do not block in a callback waiting for another
 * callback: it would never come.
 *
 * <p>Receipts ({@link #onDelivered}, {@link #onRead}) are acknowledged to the server when the
 * callback returns. Messages are acknowledged when the app calls {@link IncomingMessage#ack()} (or
 * after {@link #onMessage} returns, with {@code autoAck}).
 */
public interface ClientListener {
  ClientListener NONE = new ClientListener() {};

  /** A new message (never a duplicate of one already passed here by this client). */
  default void onMessage(IncomingMessage message) {}

  /**
   * One recipient device has one of this account's messages. Called once per message and device: the
   * server merges receipts (docs/protocol.md), and the SDK hands them on one by one, acking the
   * merged receipt after the last.
   */
  default void onDelivered(DeliveryReceipt receipt) {}

  default void onRead(ReadReceipt receipt) {}

  /**
   * Everything queued for this device when it connected has been passed to this listener; live
   * traffic follows. Called once per successful connection.
   *
   * @param delivered how many queued entries the server sent before this marker
   */
  default void onCaughtUp(long delivered) {}

  default void onStateChanged(ConnectionState state) {}

  /**
   * The outcome of every send, including sends restored from a durable {@link Outbox} that have no
   * future to complete. Called after the send's own future completes.
   */
  default void onSendResult(SendResult result) {}

  /**
   * The session is over: the refresh token was refused ({@code refresh_token_reused},
   * {@code refresh_token_invalid}...) or this device was removed ({@link ErrorCode#DEVICE_NOT_FOUND}).
   * The session store has been cleared, the connection stopped (state {@link ConnectionState#IDLE})
   * and pending sends failed. The app must sign in again.
   */
  default void onSessionRevoked(ErrorCode code) {}

  /**
   * A newer connection of this same device took over (close code 4409), so this client stopped
   * (state {@link ConnectionState#IDLE}) instead of fighting it. Pending sends stay in the outbox.
   */
  default void onReplaced() {}
}
