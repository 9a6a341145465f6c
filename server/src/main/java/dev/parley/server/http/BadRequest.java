package dev.parley.server.http;

import dev.parley.protocol.ErrorCode;

/**
 * Thrown by a route while translating a request it cannot read (bad JSON, a missing parameter);
 * {@link RestRoutes} turns it into the error response. Only the edge throws it; services answer with
 * {@link dev.parley.protocol.Outcome}.
 */
public final class BadRequest extends RuntimeException {
  private final ErrorCode code;

  public BadRequest(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
