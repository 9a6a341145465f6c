package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ServerFrame.ErrorDetails;

/**
 * The server answered and refused: the request reached it, so repeating it unchanged will most
 * likely fail the same way (except {@link ErrorCode#RATE_LIMITED} and {@link ErrorCode#UNAVAILABLE}).
 */
public final class ParleyApiException extends ParleyException {
  private final ErrorCode code;
  private final int httpStatus;
  private final String serverMessage;
  private final ErrorDetails details;

  /**
   * @param httpStatus the HTTP status, or the code's own status for an error that came over the socket
   * @param details machine-readable detail from the server, or null
   */
  public ParleyApiException(ErrorCode code, int httpStatus, String serverMessage, ErrorDetails details) {
    super(code.wireName() + " (HTTP " + httpStatus + "): " + serverMessage, null);
    this.code = code;
    this.httpStatus = httpStatus;
    this.serverMessage = serverMessage;
    this.details = details;
  }

  public ErrorCode code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The server's human-readable text, for logs; programs should switch on {@link #code()}. */
  public String serverMessage() {
    return serverMessage;
  }

  /** Machine-readable detail (device lists, retry-after), or null when the server sent none. */
  public ErrorDetails details() {
    return details;
  }
}
