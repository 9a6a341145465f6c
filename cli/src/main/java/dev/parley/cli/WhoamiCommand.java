package dev.parley.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Who this home is signed in as; asks the server, so it also proves the session still works. */
@Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show the signed-in account and device.")
final class WhoamiCommand implements Callable<Integer> {
  @ParentCommand
  ParleyCommand root;

  @Option(names = "--json", description = "One JSON object.")
  boolean json;

  @JsonPropertyOrder({"type", "phone", "accountId", "deviceId", "displayName", "server"})
  record Whoami(String type, String phone, String accountId, int deviceId, String displayName, String server) {}

  @Override
  public Integer call() {
    var context = root.context();
    try (var client = context.client()) {
      var session = context.requireSession(client);
      var profile = client.accounts().profile();
      var me = new Whoami("whoami", context.state().phone(), session.accountId().value(), session.deviceId(),
          profile.displayName(), context.server().toString());
      if (json) {
        JsonLines.print(context.out(), me);
      } else {
        var out = context.out();
        out.println("phone:   " + (me.phone() == null ? "(unknown)" : me.phone()));
        out.println("name:    " + (me.displayName() == null ? "(none)" : me.displayName()));
        out.println("account: " + me.accountId());
        out.println("device:  " + me.deviceId());
        out.println("server:  " + me.server());
      }
    }
    return ExitCodes.OK;
  }
}
