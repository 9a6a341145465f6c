package dev.parley.client;

/**
 * Where the client's socket is. Transitions are reported to {@link ClientListener#onStateChanged}
 * in order.
 *
 * <pre>
 * IDLE ──connect()──▶ CONNECTING ──ready──▶ CONNECTED
 *                        ▲    │                 │ socket lost, server restart, idle timeout
 *                        │    ▼                 ▼
 *                     WAITING_TO_RECONNECT ◀────┘
 * any ──session revoked, device removed, replaced──▶ IDLE
 * any ──close()──▶ CLOSED (terminal)
 * </pre>
 */
public enum ConnectionState {
  /** Not connected and not trying: before {@code connect()}, or after the server stopped this device. */
  IDLE,
  /** Opening the socket and authenticating. */
  CONNECTING,
  /** Authenticated: the backlog is draining or has drained; sends go out at once. */
  CONNECTED,
  /** The socket was lost; the next attempt is scheduled after a backoff delay. */
  WAITING_TO_RECONNECT,
  /** {@code close()} was called. Terminal. */
  CLOSED
}
