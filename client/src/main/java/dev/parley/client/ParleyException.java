package dev.parley.client;

/**
 * The SDK's unchecked exceptions. Callers that must tell failures apart switch over the three
 * kinds: the server refused ({@link ParleyApiException}), the server could not be reached
 * ({@link ParleyUnreachableException}), or the client was closed ({@link ParleyClosedException}).
 */
public abstract sealed class ParleyException extends RuntimeException
    permits ParleyApiException, ParleyUnreachableException, ParleyClosedException {
  ParleyException(String message, Throwable cause) {
    super(message, cause);
  }
}
