package dev.parley.cli;

/**
 * The process exit codes, so scripts can tell failures apart. docs/cli.md lists them; they are API.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** Bad command line: unknown command or option, missing argument, malformed phone number. */
  public static final int USAGE = 1;
  /** The server could not be reached (connection refused, timed out, no answer). */
  public static final int UNREACHABLE = 2;
  /** No session in the home directory, or the server revoked it: sign in again with {@code verify}. */
  public static final int NOT_SIGNED_IN = 3;
  /** The server refused the request; its error code and message are printed. */
  public static final int REFUSED = 4;

  private ExitCodes() {}
}
