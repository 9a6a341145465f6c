package dev.parley.protocol.rest;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ServerFrame.ErrorDetails;

/** Every REST error body: {@code {"error": {"code": "...", "message": "...", "details": {...}}}}. */
public record ErrorResponse(Body error) {
  public record Body(ErrorCode code, String message, ErrorDetails details) {}

  public static ErrorResponse of(ErrorCode code, String message, ErrorDetails details) {
    return new ErrorResponse(new Body(code, message, details));
  }
}
