package dev.parley.cli;

import dev.parley.client.HistoryQuery;
import dev.parley.protocol.Limits;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The newest messages of a conversation, oldest first. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Show a conversation's latest messages.")
final class HistoryCommand implements Callable<Integer> {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  @ParentCommand
  ParleyCommand root;

  @Parameters(index = "0", paramLabel = "TO", description = "A phone number or a conversation id (d:… or g:…).")
  String to;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many messages, 1.." + Limits.MAX_HISTORY_PAGE + " (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "One JSON object per message.")
  boolean json;

  @Override
  public Integer call() {
    if (limit < 1 || limit > Limits.MAX_HISTORY_PAGE) {
      throw CliFailure.usage("--limit must be 1.." + Limits.MAX_HISTORY_PAGE);
    }
    var context = root.context();
    try (var client = context.client()) {
      var me = context.requireSession(client).accountId();
      var conversation = Target.resolve(to, context, client);
      var page = client.history(conversation, HistoryQuery.latest(limit));
      var people = new People(context, client, me);
      for (var entry : page.messages()) {
        if (json) {
          JsonLines.print(context.out(), JsonLines.Message.of(page, entry));
        } else {
          context.out().println("#" + entry.seq() + " " + TIME.format(Instant.ofEpochMilli(entry.serverTime())) + " "
              + people.label(entry.senderAccountId()) + ": " + (entry.payload() == null ? "(no copy for this device)" : entry.payload()));
        }
      }
    }
    return ExitCodes.OK;
  }
}
