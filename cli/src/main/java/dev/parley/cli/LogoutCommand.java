package dev.parley.cli;

import dev.parley.client.ParleyUnreachableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Ends this device's session on the server and forgets it locally. */
@Command(name = "logout", mixinStandardHelpOptions = true, description = "Sign this device out.")
final class LogoutCommand implements Callable<Integer> {
  @ParentCommand
  ParleyCommand root;

  @Override
  public Integer call() {
    var context = root.context();
    try (var client = context.client()) {
      context.requireSession(client);
      try {
        client.accounts().logout();
      } catch (ParleyUnreachableException e) {
        // The SDK has cleared the local session anyway (the user asked to be signed out); say what
        // was not done, and still fail with exit 2 so a script knows the server was not told.
        context.err().println("Signed out here, but the server could not be told; the session ends when its tokens expire.");
        throw e;
      }
      context.out().println("Signed out.");
    }
    return ExitCodes.OK;
  }
}
