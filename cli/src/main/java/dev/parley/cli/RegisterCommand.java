package dev.parley.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Step one of signing in: the server texts a one-time code to the number. */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = "Ask the server to text a one-time sign-in code to PHONE (then run 'verify').")
final class RegisterCommand implements Callable<Integer> {
  @ParentCommand
  ParleyCommand root;

  @Parameters(index = "0", paramLabel = "PHONE", description = "Your number in international form, like +14155550123.")
  String phone;

  @Option(names = "--name", paramLabel = "NAME", description = "Your display name, set on the profile after 'verify'.")
  String name;

  @Override
  public Integer call() {
    var context = root.context();
    var number = Target.phone(phone);
    if (name != null && (name.isBlank() || name.length() > 64)) {
      throw CliFailure.usage("--name must be 1..64 characters");
    }
    try (var client = context.client()) {
      var answer = client.accounts().requestCode(number);
      // Remember the server too, so that 'verify' and later commands need no --server.
      var state = context.state().withPending(number, name);
      context.saveState(new HomeState(context.server().toString(), state.phone(), state.pendingPhone(),
          state.pendingName(), state.contacts()));
      context.out().println("A code was sent to " + answer.phone() + "; it is valid for " + answer.expiresInSeconds()
          + " s. Next: parley verify " + answer.phone() + " CODE");
    }
    return ExitCodes.OK;
  }
}
