package dev.parley.cli;

import dev.parley.protocol.ErrorCode;

/**
 * An expected failure that ends a command: printed as {@code error: <message>} without a stack trace,
 * and the process exits with {@link #exitCode()}.
 */
final class CliFailure extends RuntimeException {
  private final int exitCode;

  CliFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A refusal in the server's words, {@code <code>: <message>}, exit code {@link ExitCodes#REFUSED}. */
  static CliFailure refused(ErrorCode code, String message) {
    return new CliFailure(ExitCodes.REFUSED, code.wireName() + ": " + message);
  }

  static CliFailure usage(String message) {
    return new CliFailure(ExitCodes.USAGE, message);
  }

  static CliFailure notSignedIn() {
    return new CliFailure(ExitCodes.NOT_SIGNED_IN, "not signed in: run 'parley register PHONE' and 'parley verify PHONE CODE'");
  }

  static CliFailure revoked(ErrorCode code) {
    return new CliFailure(ExitCodes.NOT_SIGNED_IN,
        "session revoked (" + code.wireName() + "): sign in again with 'parley register PHONE' and 'parley verify PHONE CODE'");
  }

  int exitCode() {
    return exitCode;
  }
}
