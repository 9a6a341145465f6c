package dev.parley.client;

/**
 * The server could not be reached: connection refused, timed out, DNS failure, or a proxy in front
 * of it answered 502/503/504 without a Parley error body. The request may be repeated later.
 */
public final class ParleyUnreachableException extends ParleyException {
  public ParleyUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
