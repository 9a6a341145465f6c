package dev.parley.cli;

import dev.parley.client.ClientListener;
import dev.parley.client.DeliveryReceipt;
import dev.parley.client.IncomingMessage;
import dev.parley.client.ReadReceipt;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Prints what arrives, one line each, and acks every message after printing it: a message is
 * handled once it is on the screen or in the pipe. Receipts are acked by the SDK as they pass, so
 * they are shown (with {@code --json}) once only.
 */
@Command(name = "listen", mixinStandardHelpOptions = true,
    description = "Print incoming messages (and receipts with --json), acking each; Ctrl-C to stop.")
final class ListenCommand implements Callable<Integer> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @ParentCommand
  ParleyCommand root;

  @Option(names = "--json", description = "One JSON object per message or receipt (see docs/cli.md).")
  boolean json;

  @Option(names = "--count", paramLabel = "N", description = "Exit after N messages (receipts do not count).")
  Integer count;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Exit after this long (exit code 0).")
  Integer timeoutSeconds;

  @Option(names = "--read", description = "Also tell the senders each printed message was read.")
  boolean markRead;

  @Override
  public Integer call() throws Exception {
    if (count != null && count < 1 || timeoutSeconds != null && timeoutSeconds < 1) {
      throw CliFailure.usage("--count and --timeout must be positive");
    }
    var context = root.context();
    var done = new CompletableFuture<Void>();
    var printer = new Printer(context, done);
    try (var live = LiveClient.connect(context, printer, UnaryOperator.identity())) {
      printer.start(live);
      // The first connection must succeed, or there is nothing to listen to: exit 2 rather than wait.
      live.awaitCaughtUp(Duration.ofSeconds(15));
      var hook = Thread.ofPlatform().unstarted(live::close);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        var end = CompletableFuture.anyOf(done, live.failure());
        if (timeoutSeconds == null) {
          end.get();
        } else {
          end.get(timeoutSeconds, TimeUnit.SECONDS);
        }
        if (live.failure().isDone()) {
          live.failure().join();
        }
      } catch (TimeoutException e) {
        // --timeout reached: a normal end.
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
      } finally {
        removeHook(hook);
      }
    }
    return ExitCodes.OK;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (Ctrl-C): the hook is closing the client.
    }
  }

  /** The listener: runs on the SDK's event thread, one event at a time. */
  private final class Printer implements ClientListener {
    private final CliContext context;
    private final CompletableFuture<Void> done;
    // Set before connecting; read on the event thread.
    private volatile LiveClient live;
    private volatile People people;
    private int printed;

    Printer(CliContext context, CompletableFuture<Void> done) {
      this.context = context;
      this.done = done;
    }

    void start(LiveClient client) {
      this.live = client;
      this.people = new People(context, client.client(), context.requireSession(client.client()).accountId());
    }

    @Override
    public void onMessage(IncomingMessage message) {
      if (done.isDone()) {
        return; // Past --count: leave it queued on the server for the next run.
      }
      if (json) {
        JsonLines.print(context.out(), JsonLines.Message.of(message));
      } else {
        var where = message.conversationId().isDirect() ? "" : message.conversationId().value() + " ";
        var out = context.out();
        synchronized (out) {
          out.println(TIME.format(message.serverTime()) + " " + where + people.label(message.sender().account()) + ": "
              + message.payload().replace("\n", "\n    "));
          out.flush();
        }
      }
      message.ack();
      if (markRead) {
        live.client().markRead(message.conversationId(), message.seq());
      }
      if (count != null && ++printed >= count) {
        done.complete(null);
      }
    }

    @Override
    public void onDelivered(DeliveryReceipt receipt) {
      if (json && !done.isDone()) {
        JsonLines.print(context.out(), JsonLines.Delivered.of(receipt));
      }
    }

    @Override
    public void onRead(ReadReceipt receipt) {
      if (json && !done.isDone()) {
        JsonLines.print(context.out(), JsonLines.Read.of(receipt));
      }
    }
  }
}
