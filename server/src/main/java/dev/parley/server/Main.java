package dev.parley.server;

import dev.parley.server.config.ConfigException;
import dev.parley.server.config.ConfigKey;
import dev.parley.server.config.ConfigLoader;
import dev.parley.server.config.ParleyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code parley server [OPTIONS]}: starts the server. Every option comes from {@link ConfigKey}, so
 * {@code --help} lists every key with its default and environment variable. Exit codes: 0 after a
 * clean stop, 1 for a usage or configuration error, 2 when the server could not start.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static CommandSpec serverSpec() {
    var spec = CommandSpec.create().name("parley server").mixinStandardHelpOptions(true).version("Parley " + ParleyServer.VERSION);
    spec.usageMessage().description(
        "Starts the Parley server. With no options it runs embedded: SQLite under ./data, port 8080.",
        "Values come from, in rising priority: defaults, --config FILE (YAML), PARLEY_* environment variables, options.");
    spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(String.class)
        .description("YAML file with any of the keys below (nested or dotted). Env: PARLEY_CONFIG.").build());
    for (var key : ConfigKey.ALL) {
      spec.addOption(OptionSpec.builder(key.option()).paramLabel(key.valueLabel()).type(String.class)
          .description(key.description() + " Default: " + (key.defaultValue().isEmpty() ? "(none)" : key.defaultValue())
              + ". Env: " + key.environmentVariable() + ".")
          .build());
    }
    return spec;
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    if (args.length == 0 || !args[0].equals("server")) {
      err.println("usage: parley server [--help] [OPTIONS]");
      err.println("This is the server's entry point; ./parley runs the terminal client and the bench. 'parley server --help' lists the server's options.");
      return 1;
    }
    var commandLine = new CommandLine(serverSpec());
    commandLine.setOut(out);
    commandLine.setErr(err);
    CommandLine.ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
    } catch (CommandLine.ParameterException e) {
      err.println("error: " + e.getMessage());
      err.println("Run 'parley server --help' for the options.");
      return 1;
    }
    if (CommandLine.printHelpIfRequested(parsed)) {
      return 0;
    }
    ParleyConfig config;
    try {
      var options = new HashMap<String, String>();
      String configFile = System.getenv("PARLEY_CONFIG");
      for (var option : parsed.matchedOptions()) {
        var name = option.longestName().substring(2);
        if (name.equals("config")) {
          configFile = option.getValue();
        } else {
          options.put(name, option.getValue());
        }
      }
      config = ParleyConfig.from(ConfigLoader.load(configFile == null ? null : Path.of(configFile), System.getenv(), options));
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    ParleyServer server;
    try {
      server = ParleyServer.start(config);
    } catch (RuntimeException e) {
      log.error("Parley could not start: {}", e.getMessage(), e);
      err.println("error: Parley could not start: " + e.getMessage());
      return 2;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("parley-shutdown").unstarted(() -> {
      server.close();
      stopped.countDown();
    }));
    log.info("Parley {} ready at {} (store: {}, data: {}, sockets: {}). Open it in a browser; point the SDK or CLI at it.",
        ParleyServer.VERSION, server.url(), config.store().kind().name().toLowerCase(java.util.Locale.ROOT),
        config.dataDir().toAbsolutePath().normalize(), server.transport());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
