package dev.parley.cli;

import dev.parley.client.ClientListener;
import dev.parley.client.SendResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Sends one text and waits until the server has stored it. The SDK's outbox is in memory, so a
 * message not stored when the command ends is not sent: the command says so with exit 2.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Send a message; prints its id once the server has stored it.")
final class SendCommand implements Callable<Integer> {
  @ParentCommand
  ParleyCommand root;

  @Parameters(index = "0", paramLabel = "TO", description = "A phone number (+14155550123) or a conversation id (d:… or g:…).")
  String to;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT", description = "The message; several words are joined with spaces.")
  List<String> text;

  @Option(names = "--json", description = "Print the stored message as one JSON object.")
  boolean json;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15", description = "How long to wait for the server (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Override
  public Integer call() {
    var context = root.context();
    var timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
    try (var live = LiveClient.connect(context, ClientListener.NONE, UnaryOperator.identity())) {
      var conversation = Target.resolve(to, context, live.client());
      var result = live.await(live.client().send(conversation, String.join(" ", text)), timeout);
      switch (result) {
        case SendResult.SentMessage sent -> {
          if (json) {
            JsonLines.print(context.out(), JsonLines.Sent.of(sent));
          } else {
            context.out().println(sent.messageId().value());
          }
        }
        case SendResult.SendRefused refused -> throw CliFailure.refused(refused.code(), refused.message());
      }
    }
    return ExitCodes.OK;
  }
}
