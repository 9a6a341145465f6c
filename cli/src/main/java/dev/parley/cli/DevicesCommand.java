package dev.parley.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The account's devices; {@code devices remove N} signs one out for good. */
@Command(name = "devices", mixinStandardHelpOptions = true, description = "List this account's devices.",
    subcommands = DevicesCommand.Remove.class)
final class DevicesCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  @ParentCommand
  ParleyCommand root;

  @Option(names = "--json", description = "One JSON object per device.")
  boolean json;

  @JsonPropertyOrder({"type", "deviceId", "name", "createdAt", "lastSeenAt", "current"})
  record Device(String type, int deviceId, String name, long createdAt, long lastSeenAt, boolean current) {}

  @Override
  public Integer call() {
    var context = root.context();
    try (var client = context.client()) {
      context.requireSession(client);
      for (var d : client.accounts().devices().devices()) {
        if (json) {
          JsonLines.print(context.out(), new Device("device", d.deviceId(), d.name(), d.createdAt(), d.lastSeenAt(), d.current()));
        } else {
          context.out().printf("%3d  %-32s  added %s  last seen %s%s%n", d.deviceId(), d.name(),
              TIME.format(Instant.ofEpochMilli(d.createdAt())), TIME.format(Instant.ofEpochMilli(d.lastSeenAt())),
              d.current() ? "  (this device)" : "");
        }
      }
    }
    return ExitCodes.OK;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Sign one of this account's devices out for good (its session ends at once).")
  static final class Remove implements Callable<Integer> {
    @ParentCommand
    DevicesCommand devices;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "The device number, as 'devices' lists it.")
    int deviceId;

    @Override
    public Integer call() {
      var context = devices.root.context();
      try (var client = context.client()) {
        context.requireSession(client);
        client.accounts().removeDevice(deviceId);
        context.out().println("Device " + deviceId + " removed.");
      }
      return ExitCodes.OK;
    }
  }
}
