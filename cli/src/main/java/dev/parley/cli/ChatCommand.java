package dev.parley.cli;

import dev.parley.client.ParleyUnreachableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The interactive chat: opens the terminal and hands over to a {@link ChatSession}. */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat interactively: history, live messages, ticks (✓ sent, ✓✓ delivered, ✓✓ read). Type /help inside.")
final class ChatCommand implements Callable<Integer> {
  @ParentCommand
  ParleyCommand root;

  @Parameters(index = "0", paramLabel = "TO", description = "A phone number or a conversation id (d:… or g:…).")
  String to;

  @Override
  public Integer call() throws IOException {
    var context = root.context();
    try (var terminal = openTerminal(context.io());
        var client = context.client()) {
      // This client only resolves the target; the session builds its own, listening, client.
      var me = context.requireSession(client).accountId();
      var conversation = resolveOfflineFirst(context, client);
      var reader = LineReaderBuilder.builder().terminal(terminal).appName("parley").build();
      // Keep the screen a transcript: the typed line is replaced by the message with its tick.
      reader.setOpt(LineReader.Option.ERASE_LINE_ON_FINISH);
      reader.setVariable(LineReader.HISTORY_SIZE, 200);
      return new ChatSession(context, conversation, me, reader).run(to);
    }
  }

  private dev.parley.protocol.ConversationId resolveOfflineFirst(CliContext context, dev.parley.client.ParleyClient client) {
    try {
      return Target.resolve(to, context, client);
    } catch (ParleyUnreachableException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "cannot reach the server at " + context.server()
          + " to look up " + to + " (a number chatted with before is remembered and works offline)");
    }
  }

  private static Terminal openTerminal(Io io) throws IOException {
    if (io.systemTerminal()) {
      // dumb(true): when stdin is not a terminal (a pipe), fall back to a plain one without a warning.
      return TerminalBuilder.builder().system(true).dumb(true).encoding(StandardCharsets.UTF_8).build();
    }
    return TerminalBuilder.builder().system(false).streams(io.in(), io.out()).type(Terminal.TYPE_DUMB)
        .encoding(StandardCharsets.UTF_8).build();
  }
}
