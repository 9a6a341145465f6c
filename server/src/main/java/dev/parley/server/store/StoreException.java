package dev.parley.server.store;

/** The database failed (unreachable, disk full, constraint we did not expect): infrastructure, not input. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
