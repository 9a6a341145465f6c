package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes submitted from many sockets are queued, and one thread commits whatever has
 * queued up (up to {@code maxBatch}) in a single transaction. Under load a batch holds hundreds of
 * writes and the commit's fsync is paid once for all of them; when idle a write commits alone, at once.
 *
 * <p>Order: works run and their futures complete in submission order, on the committer thread. That
 * order is what gives each device its deliveries in order, so continuations attached to the futures
 * must be quick and must not block (they hand frames to sockets, nothing more).
 *
 * <p>Failure: if one work in a batch throws, the batch is rolled back and each of its works is run
 * again in a transaction of its own, so one bad write cannot fail its neighbours. Works must
 * therefore be repeatable: all their effects go through the connection.
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

  private static final int MAX_ATTEMPTS = 5;

  private final DataSource dataSource;
  private final int maxBatch;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final BatchListener listener;
  private volatile boolean closing;

  /** Observes batch sizes (for metrics and benchmarks). */
  public interface BatchListener {
    BatchListener NONE = (size, nanos) -> {};

    void batchCommitted(int size, long nanos);
  }

  public GroupCommitter(DataSource dataSource, int maxBatch, BatchListener listener) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
    }
    this.dataSource = dataSource;
    this.maxBatch = maxBatch;
    this.listener = listener;
    // A platform thread: it holds a JDBC connection for its whole life and does nothing but commit.
    this.thread = Thread.ofPlatform().name("parley-store-committer").daemon(false).unstarted(this::run);
    thread.start();
  }

  /** Queues {@code work}; the future completes after the transaction holding it has committed. */
  public <T> CompletableFuture<T> submit(SqlWork<T> work) {
    var pending = new Pending<>(work, new CompletableFuture<T>());
    if (closing) {
      pending.future.completeExceptionally(new StoreException("the store is shutting down", null));
      return pending.future;
    }
    queue.add(pending);
    // close() may have begun between the check above and the add; if the committer has already
    // drained its last batch, nobody would complete this future.
    if (closing && !thread.isAlive() && queue.remove(pending)) {
      pending.future.completeExceptionally(new StoreException("the store is shutting down", null));
    }
    return pending.future;
  }

  private void run() {
    var batch = new ArrayList<Pending<?>>(maxBatch);
    Connection connection = null;
    while (!(closing && queue.isEmpty())) {
      try {
        var first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        if (connection == null || connection.isClosed()) {
          connection = dataSource.getConnection();
          connection.setAutoCommit(false);
        }
        commit(connection, batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (SQLException | RuntimeException e) {
        log.error("group commit failed for a batch of {}", batch.size(), e);
        for (var pending : batch) {
          pending.future.completeExceptionally(new StoreException("database write failed: " + e.getMessage(), e));
        }
        closeQuietly(connection);
        connection = null;
      } finally {
        batch.clear();
      }
    }
    closeQuietly(connection);
  }

  private void commit(Connection connection, List<Pending<?>> batch) throws SQLException {
    long started = System.nanoTime();
    var results = new ArrayList<Object>(batch.size());
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          for (var pending : batch) {
            results.add(pending.work.run(connection));
          }
          connection.commit();
          break;
        } catch (SQLException e) {
          if (!isTransient(e) || attempt == MAX_ATTEMPTS) {
            throw e;
          }
          connection.rollback();
          results.clear();
        }
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      if (batch.size() == 1) {
        batch.getFirst().future.completeExceptionally(e);
        return;
      }
      commitOneByOne(connection, batch);
      return;
    }
    listener.batchCommitted(batch.size(), System.nanoTime() - started);
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).complete(results.get(i));
    }
  }

  private void commitOneByOne(Connection connection, List<Pending<?>> batch) throws SQLException {
    for (var pending : batch) {
      Object result;
      try {
        result = pending.work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        pending.future.completeExceptionally(e);
        continue;
      }
      pending.complete(result);
    }
  }

  /**
   * A lost race for a lock, worth running the same batch again: SQLite's SQLITE_BUSY (a work that
   * read before writing cannot upgrade a snapshot another connection has moved past; the busy
   * handler does not wait in that case) and PostgreSQL's serialization failure and deadlock.
   */
  static boolean isTransient(SQLException e) {
    var state = e.getSQLState();
    var message = e.getMessage() == null ? "" : e.getMessage();
    return "40001".equals(state) || "40P01".equals(state) || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing to do: the pool discards a connection that fails to close.
      log.debug("closing the committer's connection failed", e);
    }
  }

  /** Stops accepting work, commits everything already queued, then returns. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Pending<T>(SqlWork<T> work, CompletableFuture<T> future) {
    @SuppressWarnings("unchecked")
    void complete(Object result) {
      try {
        future.complete((T) result);
      } catch (RuntimeException e) {
        // A continuation threw; it must not stop the committer (the write itself succeeded).
        log.error("a continuation of a committed write failed", e);
      }
    }
  }
}
