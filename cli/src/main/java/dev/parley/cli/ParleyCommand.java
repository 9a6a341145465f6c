package dev.parley.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: where the server and the home directory are, and the list of subcommands. */
@Command(
    name = "parley",
    mixinStandardHelpOptions = true,
    versionProvider = ParleyCommand.Version.class,
    description = "The Parley terminal client.",
    footer = {"", "Exit codes: 0 ok, 1 usage error, 2 server unreachable, 3 not signed in, 4 refused by the server.",
        "Environment: PARLEY_SERVER (default server), PARLEY_HOME (default home). See docs/cli.md."},
    subcommands = {
        RegisterCommand.class, VerifyCommand.class, WhoamiCommand.class, DevicesCommand.class, LogoutCommand.class,
        SendCommand.class, ListenCommand.class, HistoryCommand.class, GroupCommand.class, ChatCommand.class})
public final class ParleyCommand {
  static final String DEFAULT_SERVER = "http://localhost:8080";

  private final Io io;
  // Built on first use, after picocli has set the options; commands run on the main thread only.
  private CliContext context;

  @Option(names = "--server", paramLabel = "URL",
      description = "The server's URL. Default: $PARLEY_SERVER, else the server this home signed in to, else " + DEFAULT_SERVER + ".")
  String server;

  @Option(names = "--home", paramLabel = "DIR",
      description = "Where the session and settings are kept. Default: $PARLEY_HOME, else ~/.parley.")
  Path home;

  ParleyCommand(Io io) {
    this.io = io;
  }

  public CliContext context() {
    if (context == null) {
      context = CliContext.create(io, server, home);
    }
    return context;
  }

  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      var version = ParleyCommand.class.getPackage().getImplementationVersion();
      return new String[] {"parley-cli " + (version == null ? "dev" : version)};
    }
  }
}
