package dev.parley.client.internal;

import dev.parley.client.ClientListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.DeliveryReceipt;
import dev.parley.client.IncomingMessage;
import dev.parley.client.ReadReceipt;
import dev.parley.client.SendResult;
import dev.parley.protocol.ErrorCode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the app's {@link ClientListener} on one thread, in event order, so the connection thread
 * never waits for app code. A listener that throws is logged and the next event still runs.
 * Thread-safe: any thread may enqueue.
 */
public final class EventDispatcher {
  private static final ThreadLocal<Boolean> IN_CALLBACK = ThreadLocal.withInitial(() -> false);
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

  private final ClientListener listener;
  private final ExecutorService executor;
  private final boolean autoAck;
  // Replaced (on the events thread) by each new connection once the previous one has completed.
  private volatile CompletableFuture<Void> caughtUp = new CompletableFuture<>();

  public EventDispatcher(ClientListener listener, ExecutorService executor, boolean autoAck) {
    this.listener = listener;
    this.executor = executor;
    this.autoAck = autoAck;
  }

  /** Completes when the current connection, or if none has caught up yet the next one, has caught up. */
  public CompletableFuture<Void> caughtUp() {
    return caughtUp;
  }

  public void connected() {
    run("connected", () -> {
      if (caughtUp.isDone()) {
        caughtUp = new CompletableFuture<>();
      }
    });
  }

  public void stateChanged(ConnectionState state) {
    run("onStateChanged", () -> listener.onStateChanged(state));
  }

  public void message(IncomingMessage message) {
    run("onMessage", () -> {
      try {
        listener.onMessage(message);
      } finally {
        // Acked even when the listener threw: a message that can never be handled must not hold
        // a slot of the server's delivery window forever.
        if (autoAck) {
          message.ack();
        }
      }
    });
  }

  /** @param handled acks the receipts' frame once the listener has had each of them */
  public void delivered(List<DeliveryReceipt> receipts, Runnable handled) {
    run("onDelivered", () -> {
      try {
        for (var receipt : receipts) {
          try {
            listener.onDelivered(receipt);
          } catch (RuntimeException e) {
            log.error("ClientListener.onDelivered threw; continuing with the next receipt", e);
          }
        }
      } finally {
        handled.run();
      }
    });
  }

  public void read(ReadReceipt receipt, Runnable handled) {
    run("onRead", () -> {
      try {
        listener.onRead(receipt);
      } finally {
        handled.run();
      }
    });
  }

  public void caughtUp(long delivered) {
    run("onCaughtUp", () -> {
      try {
        listener.onCaughtUp(delivered);
      } finally {
        caughtUp.complete(null);
      }
    });
  }

  public void sendResult(SendResult result) {
    run("onSendResult", () -> listener.onSendResult(result));
  }

  public void sessionRevoked(ErrorCode code) {
    run("onSessionRevoked", () -> listener.onSessionRevoked(code));
  }

  public void replaced() {
    run("onReplaced", listener::onReplaced);
  }

  /**
   * Waits (at most {@code timeout}) until every event queued so far has been handled, so that what
   * the app did in its callbacks (acks, above all) is posted before the client closes. Returns at
   * once when called from a callback, which would otherwise wait for itself.
   */
  public void drain(java.time.Duration timeout) {
    if (IN_CALLBACK.get()) {
      return;
    }
    try {
      executor.submit(() -> {}).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RejectedExecutionException e) {
      // Closing is best effort: a callback that does not return must not keep the client open.
      log.debug("listener events not drained before close: {}", e.toString());
    }
  }

  /** Lets queued events run, then stops the thread. */
  public void shutdown() {
    executor.shutdown();
  }

  private void run(String callback, Runnable task) {
    try {
      executor.execute(() -> {
        IN_CALLBACK.set(true);
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("ClientListener.{} threw; continuing with the next event", callback, e);
        } finally {
          IN_CALLBACK.set(false);
        }
      });
    } catch (RejectedExecutionException e) {
      // The client is closed; events after close() are dropped by design.
      log.debug("dropped {} after close", callback);
    }
  }
}
