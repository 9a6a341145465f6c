package dev.parley.cli;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.DeliveryReceipt;
import dev.parley.client.IncomingMessage;
import dev.parley.client.ParleyClient;
import dev.parley.client.ReadReceipt;
import dev.parley.client.SendResult;
import dev.parley.protocol.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * A connected SDK client for a command that uses the socket ({@code send}, {@code listen}), with
 * the command's own listener behind it. It turns the connection's fate into exit codes: a session
 * revoked on the way is {@link ExitCodes#NOT_SIGNED_IN}; a first connection that fails twice in a
 * row (the SDK would keep retrying forever) is {@link ExitCodes#UNREACHABLE}.
 */
final class LiveClient implements ClientListener, AutoCloseable {
  // Two failed attempts are 250 ms + 500 ms of backoff apart: long enough to ride out one dropped
  // connection, short enough that a server that is down is reported at once.
  private static final int ATTEMPTS_BEFORE_UNREACHABLE = 2;

  private final ClientListener app;
  private final ParleyClient client;
  private final CompletableFuture<Void> connected = new CompletableFuture<>();
  /** Completes with a {@link CliFailure} when the connection gives up or the session ends. */
  private final CompletableFuture<Void> failed = new CompletableFuture<>();
  // Only the SDK's event thread writes it.
  private int failedAttempts;

  private LiveClient(CliContext context, ClientListener app, UnaryOperator<ParleyClient.Builder> customize) {
    this.app = app;
    this.client = context.client(this, customize);
  }

  /** Builds the client and starts connecting; fails with exit 3 if this home has no session. */
  static LiveClient connect(CliContext context, ClientListener app, UnaryOperator<ParleyClient.Builder> customize) {
    var live = new LiveClient(context, app, customize);
    try {
      context.requireSession(live.client);
      live.client.connect();
    } catch (RuntimeException e) {
      live.close();
      throw e;
    }
    return live;
  }

  ParleyClient client() {
    return client;
  }

  /** Waits until the socket is authenticated and the backlog has been passed on. */
  void awaitCaughtUp(Duration timeout) {
    await(client.caughtUp(), timeout);
  }

  /**
   * Waits for {@code future}, failing early when the connection cannot be made or the session ends.
   *
   * @throws CliFailure exit 2 on timeout or an unreachable server, exit 3 on a revoked session
   */
  <T> T await(CompletableFuture<T> future, Duration timeout) {
    try {
      CompletableFuture.anyOf(future, failed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (failed.isDone()) {
        failed.join();
      }
      return future.join();
    } catch (TimeoutException e) {
      throw new CliFailure(ExitCodes.UNREACHABLE, "no answer from the server within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.UNREACHABLE, "interrupted while waiting for the server");
    } catch (ExecutionException | java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    }
  }

  /** Completes exceptionally with a {@link CliFailure} once the connection cannot go on. */
  CompletableFuture<Void> failure() {
    return failed;
  }

  @Override
  public void onStateChanged(ConnectionState state) {
    switch (state) {
      case CONNECTED -> connected.complete(null);
      case WAITING_TO_RECONNECT -> {
        if (!connected.isDone() && ++failedAttempts >= ATTEMPTS_BEFORE_UNREACHABLE) {
          failed.completeExceptionally(new CliFailure(ExitCodes.UNREACHABLE, "cannot connect to the server"));
        }
      }
      default -> {}
    }
    app.onStateChanged(state);
  }

  @Override
  public void onSessionRevoked(ErrorCode code) {
    failed.completeExceptionally(CliFailure.revoked(code));
    app.onSessionRevoked(code);
  }

  @Override
  public void onReplaced() {
    failed.completeExceptionally(new CliFailure(ExitCodes.REFUSED,
        "replaced: another program signed in with this home's session took over the connection"));
    app.onReplaced();
  }

  @Override
  public void onMessage(IncomingMessage message) {
    app.onMessage(message);
  }

  @Override
  public void onDelivered(DeliveryReceipt receipt) {
    app.onDelivered(receipt);
  }

  @Override
  public void onRead(ReadReceipt receipt) {
    app.onRead(receipt);
  }

  @Override
  public void onCaughtUp(long delivered) {
    app.onCaughtUp(delivered);
  }

  @Override
  public void onSendResult(SendResult result) {
    app.onSendResult(result);
  }

  @Override
  public void close() {
    client.close();
  }
}
