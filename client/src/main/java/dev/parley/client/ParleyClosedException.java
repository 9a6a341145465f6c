package dev.parley.client;

/** The client was closed before the operation finished; its outcome is unknown to the caller. */
public final class ParleyClosedException extends ParleyException {
  public ParleyClosedException(String message) {
    super(message, null);
  }
}
