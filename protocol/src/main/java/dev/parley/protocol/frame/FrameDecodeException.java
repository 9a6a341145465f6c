package dev.parley.protocol.frame;

import dev.parley.protocol.ErrorCode;

/** A frame that could not be decoded; {@link #code()} says why, for the error frame. */
public final class FrameDecodeException extends Exception {
  private final ErrorCode code;

  public FrameDecodeException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
