package dev.parley.cli;

import dev.parley.client.ParleyApiException;
import dev.parley.client.ParleyClosedException;
import dev.parley.client.ParleyUnreachableException;
import dev.parley.protocol.ErrorCode;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one last-resort handler: turns every failure a command lets out into one {@code error:} line
 * and an exit code. Expected failures (usage, unreachable, not signed in, refused) print no stack
 * trace; anything else is a bug and prints one.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  /** Codes that mean the stored session can no longer be used, whichever call met them. */
  static final Set<ErrorCode> SESSION_OVER = EnumSet.of(
      ErrorCode.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID, ErrorCode.REFRESH_TOKEN_INVALID, ErrorCode.REFRESH_TOKEN_REUSED);

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
    var err = commandLine.getErr();
    var failure = translate(e, (ParleyCommand) commandLine.getCommandSpec().root().userObject());
    if (failure == null) {
      err.println("error: internal error in the terminal client: " + e);
      e.printStackTrace(err);
      err.flush();
      return 70;
    }
    err.println("error: " + failure.getMessage());
    err.flush();
    return failure.exitCode();
  }

  static int usage(ParameterException e, String[] args) {
    var commandLine = e.getCommandLine();
    var err = commandLine.getErr();
    err.println("error: " + e.getMessage());
    err.println("Try 'parley " + qualifiedName(commandLine) + "--help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static String qualifiedName(CommandLine commandLine) {
    var name = commandLine.getCommandSpec().qualifiedName(" ");
    var words = name.split(" ", 2);
    return words.length < 2 ? "" : words[1] + " ";
  }

  private static CliFailure translate(Exception e, ParleyCommand root) {
    return switch (e) {
      case CliFailure failure -> failure;
      case ParleyUnreachableException unreachable -> new CliFailure(ExitCodes.UNREACHABLE,
          "cannot reach the server at " + root.context().server() + " (" + rootCause(unreachable) + ")");
      case ParleyApiException api when SESSION_OVER.contains(api.code()) -> {
        root.context().forgetSession();
        yield CliFailure.revoked(api.code());
      }
      case ParleyApiException api -> CliFailure.refused(api.code(), api.serverMessage());
      case ParleyClosedException closed -> new CliFailure(ExitCodes.UNREACHABLE, closed.getMessage());
      default -> null;
    };
  }

  private static String rootCause(Throwable e) {
    var root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root == e) {
      return String.valueOf(e.getMessage());
    }
    var text = root.getMessage();
    return root.getClass().getSimpleName() + (text == null || text.isEmpty() ? "" : ": " + text);
  }
}
