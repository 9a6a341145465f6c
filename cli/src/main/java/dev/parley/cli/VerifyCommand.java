package dev.parley.cli;

import dev.parley.protocol.rest.ProfileUpdate;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Step two: the code signs this home in as a new device of the account (created on first use). */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Sign in with the code texted to PHONE; the session is kept in the home directory.")
final class VerifyCommand implements Callable<Integer> {
  @ParentCommand
  ParleyCommand root;

  @Parameters(index = "0", paramLabel = "PHONE")
  String phone;

  @Parameters(index = "1", paramLabel = "CODE", description = "The 6-digit code.")
  String code;

  @Option(names = "--device", paramLabel = "NAME", description = "What to call this device (default: terminal on HOST).")
  String device;

  @Override
  public Integer call() throws Exception {
    var context = root.context();
    var number = Target.phone(phone);
    var deviceName = device != null ? device : defaultDeviceName();
    if (deviceName.isBlank() || deviceName.length() > 64) {
      throw CliFailure.usage("--device must be 1..64 characters");
    }
    context.ensureHome();
    try (var client = context.client()) {
      var tokens = client.accounts().verify(number, code.strip(), deviceName);
      var state = context.state();
      if (number.equals(state.pendingPhone()) && state.pendingName() != null) {
        client.accounts().updateProfile(new ProfileUpdate(state.pendingName(), null));
      }
      context.saveState(state.signedIn(context.server().toString(), number));
      context.out().println("Signed in as " + number + (tokens.newAccount() ? " (new account)" : "") + ", device "
          + tokens.deviceId() + " \"" + deviceName + "\". Session kept in " + context.home().resolve(CliContext.SESSION_FILE));
    }
    return ExitCodes.OK;
  }

  private static String defaultDeviceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown host";
    }
    var name = "terminal on " + host;
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
