package dev.parley.server.edge;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. One per socket: a device's
 * frames are handled in the order they arrived (so its sends get seqs in that order) without a
 * thread per socket. Tasks handle their own failures; one that throws anyway is logged, and the tasks
 * after it still run (an exception escaping the loop would leave it marked running, and the socket
 * would never handle a frame again).
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  // Mostly empty or one task deep; ArrayDeque's default 16 slots would cost 56 B more per socket.
  private final Queue<Runnable> tasks = new ArrayDeque<>(2);
  private boolean running; // guarded by this

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized void execute(Runnable task) {
    tasks.add(task);
    if (!running) {
      running = true;
      delegate.execute(this::drain);
    }
  }

  /**
   * Runs {@code task} on the calling thread if no task is running or queued, else queues it behind
   * them: for tasks that never block, called from the socket's event loop, so a frame that needs no
   * thread of its own does not pay for starting one.
   */
  void executeHere(Runnable task) {
    synchronized (this) {
      if (running) {
        tasks.add(task);
        return;
      }
      running = true;
    }
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("a socket's task failed", e);
    } finally {
      synchronized (this) {
        if (tasks.isEmpty()) {
          running = false;
        } else {
          delegate.execute(this::drain);
        }
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.error("a socket's task failed", e);
      }
    }
  }
}
