package dev.parley.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes submitted from many sockets are queued, and one thread commits whatever has
 * queued up (up to {@code maxBatch}) in a single transaction. Under load a batch holds hundreds of
 * writes and the commit's fsync is paid once for all of them; when idle a write commits alone, at once.
 *
 * <p>Order: works run in submission order on the committer thread; their commit actions
 * ({@link #submit(SqlWork, Consumer)}) run and their futures complete in the same order on a second
 * thread, the completer (on SQLite, the syncer below), so routing a batch's results to sockets
 * overlaps with committing the next batch. Commit actions, and then the listeners'
 * {@link TransactionListener#finishing} actions, are what give each device its deliveries in order; a
 * continuation attached to a future gives no such promise (it runs on the attaching thread if the
 * future is already done). Both must be quick and must not block.
 *
 * <p>Durability: on SQLite the committer's connection commits without an fsync and a third thread,
 * the syncer, fsyncs the WAL once for all batches committed since its last fsync and then completes
 * them itself (one hand-off fewer per batch than a completer of its own: at a few hundred messages a
 * second the hand-offs cost more than the commits, docs/performance.md, session 10). So a batch
 * commits while the previous one is being flushed, and still nothing is acknowledged before it is on
 * disk. {@link TransactionListener}s learn when a batch is durable.
 * Works submitted {@link #submitUnsynced unsynced} (acks, "last seen") need no fsync of their own:
 * a batch holding only such works is handed on once committed, and the next fsync, which covers
 * every frame written before it, makes it durable.
 *
 * <p>Failure: if one work in a batch throws, the batch is rolled back and each of its works is run
 * again in a transaction of its own, so one bad write cannot fail its neighbours; a batch that lost
 * a lock race is run again whole. Works must therefore be repeatable: all their effects go through the
 * connection. The connection they get keeps its prepared statements across batches
 * ({@link StatementCache}).
 *
 * <p>On SQLite each batch is a {@code BEGIN IMMEDIATE} transaction: it takes the write lock before its
 * first read, so a work that reads before it writes can never find its snapshot overtaken by another
 * connection's write (which SQLite refuses at once, without waiting).
 */
public final class GroupCommitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
  private static final int MAX_ATTEMPTS = 5;
  private static final int CACHE_KIB = 64 * 1024;

  private final DataSource dataSource;
  private final boolean immediateTransactions;
  private final boolean asynchronousCommits; // PostgreSQL: batches of unsynced works do not wait for the WAL flush
  private final Path walToSync;
  private final int maxBatch;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final BlockingQueue<Batch> awaitingSync = new LinkedBlockingQueue<>(); // committed, for the syncer
  private final BlockingQueue<Batch> completions = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Thread syncer; // SQLite with full durability; it then completes the batches too
  private final Thread completer; // otherwise
  private final BatchListener listener;
  private final WalCheckpointer checkpointer; // SQLite only; the database's
  private final List<TransactionListener> transactionListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closing;
  private volatile boolean committerDone;
  private volatile long fsyncs; // written by the syncer only
  private FileChannel wal; // the syncer's

  /** Observes batch sizes (for metrics and benchmarks). */
  public interface BatchListener {
    BatchListener NONE = (size, nanos) -> {};

    void batchCommitted(int size, long nanos);
  }

  /**
   * Told what becomes of the committer's transactions, for state kept in memory beside the database
   * (cached counters, reserved id blocks, what readers may see). Implement what you need.
   */
  public interface TransactionListener {
    /**
     * Committer thread, inside a batch's transaction after all its works ran: the batch's last
     * writes, made once for all its works (receipts merged across them, say). The returned action
     * runs on the completer after the batch's futures have completed, so what it hands on comes after
     * what they hand on. If the transaction rolls back, {@link #rolledBack()} is called instead.
     */
    default Runnable finishing(Connection connection) throws SQLException {
      return NOTHING;
    }

    /**
     * Committer thread, just before a batch commits. The returned action runs on the completer thread
     * once the batch is durable, before any of its futures complete.
     */
    default Runnable committing() {
      return NOTHING;
    }

    /**
     * Committer thread, just before a batch commits: whether it wrote something that must be on disk
     * before any of it is handed on even if all its works were {@linkplain #submitUnsynced unsynced}
     * (a reserved block of ids: a crash must not hand out ids that clients have already seen).
     */
    default boolean mustSync() {
      return false;
    }

    /**
     * Committer thread: a transaction was rolled back or its connection lost, before any further work
     * runs. State that ran ahead of what was committed must be dropped here.
     */
    default void rolledBack() {}
  }

  private static final Runnable NOTHING = () -> {};

  /** A committer for the database, in the transaction style its dialect needs. */
  public GroupCommitter(Database database, int maxBatch, BatchListener listener) {
    this(database.dataSource(), database.dialect() == Dialect.SQLITE, database.dialect() == Dialect.POSTGRES,
        database.walToSync(), database.checkpointer(), maxBatch, listener);
  }

  /** A committer with plain JDBC transactions. */
  public GroupCommitter(DataSource dataSource, int maxBatch, BatchListener listener) {
    this(dataSource, false, false, null, null, maxBatch, listener);
  }

  private GroupCommitter(DataSource dataSource, boolean immediateTransactions, boolean asynchronousCommits, Path walToSync,
      WalCheckpointer checkpointer, int maxBatch, BatchListener listener) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
    }
    this.dataSource = dataSource;
    this.immediateTransactions = immediateTransactions;
    this.asynchronousCommits = asynchronousCommits;
    this.walToSync = walToSync;
    this.maxBatch = maxBatch;
    this.listener = listener;
    // Platform threads: the committer holds a JDBC connection for its whole life and does nothing
    // but commit; the syncer fsyncs and the completer runs the quick continuations.
    this.thread = Thread.ofPlatform().name("parley-committer").unstarted(this::run);
    this.syncer = walToSync == null ? null : Thread.ofPlatform().name("parley-syncer").unstarted(this::sync);
    this.completer = walToSync != null ? null : Thread.ofPlatform().name("parley-completer").unstarted(this::complete);
    this.checkpointer = checkpointer;
    thread.start();
    (syncer != null ? syncer : completer).start();
  }

  /**
   * The committer connection's prepared statement for {@code sql}, for works on the hot path. Unlike
   * {@code connection.prepareStatement(sql)} in try-with-resources (which also reuses the prepared
   * statement, through a proxy), this hands out the driver's statement directly: set every parameter,
   * do not close it. {@code connection} must be the one the work was given.
   */
  public static PreparedStatement statement(Connection connection, String sql) throws SQLException {
    return connection.unwrap(StatementCache.class).kept(sql, false);
  }

  /**
   * Like {@link #statement}, but a statement of its own for a batch of many rows run once per
   * transaction (sqlite-jdbc clears a statement's whole batch array, sized by its largest batch,
   * on every run; StatementCache.kept).
   */
  public static PreparedStatement bulkStatement(Connection connection, String sql) throws SQLException {
    return connection.unwrap(StatementCache.class).kept(sql, true);
  }

  /**
   * Like {@link #statement}, but PostgreSQL plans it afresh on every run, for a statement whose best
   * plan depends on its parameters and on how big its tables are now.
   */
  public static PreparedStatement replannedStatement(Connection connection, String sql) throws SQLException {
    return connection.unwrap(StatementCache.class).keptReplanned(sql);
  }

  /** Registers {@code listener}; call before submitting work. */
  public void listen(TransactionListener listener) {
    transactionListeners.add(listener);
  }

  /** Queues {@code work}; the future completes after the transaction holding it has committed. */
  public <T> CompletableFuture<T> submit(SqlWork<T> work) {
    return submit(work, null);
  }

  /**
   * Queues {@code work} and waits until its transaction is durable: for rare writes on a virtual
   * thread, which then share the one writer's batches and fsyncs instead of taking SQLite's write
   * lock from it. Throws what the work threw, or a {@link StoreException}.
   */
  public <T> T run(SqlWork<T> work) {
    var current = Thread.currentThread();
    if (current == thread || current == syncer || current == completer) {
      throw new IllegalStateException("a write waited for on the committer's own threads would wait for itself");
    }
    try {
      return submit(work).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new StoreException("database write failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Queues {@code work}; once its transaction is durable, {@code committed} gets its result on the
   * completer, in commit order, and then the future completes. What must happen in commit order
   * (handing deliveries to sockets, which take them in id order) belongs in {@code committed}: a
   * continuation attached to the future runs on the attaching thread if the future is already done,
   * which can be after the completer has handed on later batches.
   */
  public <T> CompletableFuture<T> submit(SqlWork<T> work, Consumer<? super T> committed) {
    return enqueue(new Pending<>(work, new CompletableFuture<T>(), committed, true));
  }

  /**
   * Queues a write whose loss in a crash is harmless, and whose future therefore completes once its
   * transaction has committed, without waiting for an fsync: an ack (the delivery is sent again and
   * acked again) or a device's "last seen". Its transaction becomes durable with the next fsync, which
   * covers every write committed before it. Order is kept: its future still completes after those of
   * all earlier works. On PostgreSQL a batch of such works alone commits with {@code synchronous_commit}
   * off, so the committer does not wait for its WAL flush either.
   */
  public <T> CompletableFuture<T> submitUnsynced(SqlWork<T> work) {
    return enqueue(new Pending<>(work, new CompletableFuture<T>(), null, false));
  }

  /** fsyncs of the WAL so far (SQLite with full durability; 0 otherwise). */
  long fsyncs() {
    return fsyncs;
  }

  private <T> CompletableFuture<T> enqueue(Pending<T> pending) {
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
    StatementCache connection = null;
    try {
      while (!(closing && queue.isEmpty())) {
        try {
          var first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, maxBatch - 1);
          if (connection == null) {
            connection = open();
          }
          commit(connection, batch);
          catchUpWithCheckpoints(connection);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (SQLException | RuntimeException e) {
          log.error("group commit failed for a batch of {}", batch.size(), e);
          var failed = new ArrayList<Completion>(batch.size());
          for (var pending : batch) {
            failed.add(Completion.failure(pending, new StoreException("database write failed: " + e.getMessage(), e)));
          }
          finished(Batch.failures(failed));
          rolledBack();
          if (connection != null) {
            connection.close();
          }
          connection = null;
        } finally {
          batch.clear();
        }
      }
    } finally {
      if (connection != null) {
        connection.close();
      }
      committerDone = true;
    }
  }

  private StatementCache open() throws SQLException {
    var connection = dataSource.getConnection();
    connection.setAutoCommit(immediateTransactions);
    if (immediateTransactions) {
      try (var statement = connection.createStatement()) {
        if (walToSync != null) {
          // The syncer makes each commit durable; SQLite itself need not fsync while it holds the lock.
          statement.execute("PRAGMA synchronous = NORMAL");
        }
        // The one writer's working set (the b-trees it appends to) in its own page cache rather than
        // read back from the WAL with a pread per page (SQLite's default cache is 2 MB).
        statement.execute("PRAGMA cache_size = -" + CACHE_KIB);
        // ...and not through a memory map of the database file: that file grows with every
        // checkpoint, SQLite then maps it again, and the writer took a page fault for each page it
        // touched afterwards (7 % of its CPU at 1,000 pairs, docs/performance.md, session 8).
        statement.execute("PRAGMA mmap_size = 0");
      }
    }
    return new StatementCache(connection);
  }

  /** Between transactions: lets the checkpointer know of the commit, and copies what it left for the writer. */
  private void catchUpWithCheckpoints(StatementCache connection) {
    if (checkpointer == null) {
      return;
    }
    checkpointer.written();
    try {
      checkpointer.catchUp(connection.real());
    } catch (SQLException e) {
      // Nothing is lost: the frames stay in the WAL, and the next round copies them.
      log.warn("checkpoint of the write-ahead log failed: {}", e.toString());
    }
  }

  private void begin(StatementCache connection, boolean synced) throws SQLException {
    if (immediateTransactions) {
      try (var statement = connection.real().createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
      }
    }
    if (!synced) {
      waitForFlush(connection, false);
    }
  }

  /** PostgreSQL: whether this transaction's COMMIT waits until its WAL is flushed (SET LOCAL ends with it). */
  private void waitForFlush(StatementCache connection, boolean wait) throws SQLException {
    if (asynchronousCommits) {
      try (var statement = connection.real().createStatement()) {
        statement.execute(wait ? "SET LOCAL synchronous_commit TO DEFAULT" : "SET LOCAL synchronous_commit = off");
      }
    }
  }

  private void commitTransaction(StatementCache connection) throws SQLException {
    if (immediateTransactions) {
      try (var statement = connection.real().createStatement()) {
        statement.execute("COMMIT");
      }
    } else {
      connection.real().commit();
    }
  }

  private void rollback(StatementCache connection) throws SQLException {
    rolledBack();
    connection.discardBatches();
    if (immediateTransactions) {
      try (var statement = connection.real().createStatement()) {
        statement.execute("ROLLBACK");
      } catch (SQLException e) {
        // "no transaction is active": the failure ended it already.
        log.debug("rollback: {}", e.getMessage());
      }
    } else {
      connection.real().rollback();
    }
  }

  private void commit(StatementCache connection, List<Pending<?>> batch) throws SQLException {
    long started = System.nanoTime();
    var results = new ArrayList<Object>(batch.size());
    var work = connection.connection();
    List<Runnable> onDurable;
    List<Runnable> afterwards;
    boolean synced = batch.stream().anyMatch(Pending::synced);
    boolean mustSync;
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          begin(connection, synced);
          for (var pending : batch) {
            results.add(pending.work.run(work));
          }
          afterwards = finishing(work);
          onDurable = committing();
          mustSync = mustSync(connection, synced);
          commitTransaction(connection);
          break;
        } catch (SQLException e) {
          if (!isTransient(e) || attempt == MAX_ATTEMPTS) {
            throw e;
          }
          rollback(connection);
          results.clear();
        }
      }
    } catch (SQLException | RuntimeException e) {
      rollback(connection);
      if (batch.size() == 1) {
        finished(Batch.failures(List.of(Completion.failure(batch.getFirst(), e))));
        return;
      }
      commitOneByOne(connection, batch);
      return;
    }
    listener.batchCommitted(batch.size(), System.nanoTime() - started);
    var done = new ArrayList<Completion>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      done.add(Completion.success(batch.get(i), results.get(i)));
    }
    finished(new Batch(onDurable, done, afterwards, mustSync));
  }

  /**
   * Whether the transaction about to commit must be durable before it is handed on: if any work was
   * submitted synced or a listener says so. On PostgreSQL an unsynced batch that must be durable after
   * all waits for its flush again.
   */
  private boolean mustSync(StatementCache connection, boolean synced) throws SQLException {
    boolean mustSync = synced;
    for (var transactionListener : transactionListeners) {
      mustSync |= transactionListener.mustSync(); // asked of every listener: asking may reset what it tracks
    }
    if (mustSync && !synced) {
      waitForFlush(connection, true);
    }
    return mustSync;
  }

  private List<Runnable> finishing(Connection connection) throws SQLException {
    var actions = new ArrayList<Runnable>(transactionListeners.size());
    for (var transactionListener : transactionListeners) {
      actions.add(transactionListener.finishing(connection));
    }
    return actions;
  }

  private List<Runnable> committing() {
    var actions = new ArrayList<Runnable>(transactionListeners.size());
    for (var transactionListener : transactionListeners) {
      actions.add(transactionListener.committing());
    }
    return actions;
  }

  /** Hands a committed (or failed) batch on: to the syncer if commits need an fsync, else to the completer. */
  private void finished(Batch batch) {
    (syncer != null ? awaitingSync : completions).add(batch);
  }

  private void rolledBack() {
    transactionListeners.forEach(TransactionListener::rolledBack);
  }

  /** Each work in a transaction of its own, each handed on as a batch of its own, in order. */
  private void commitOneByOne(StatementCache connection, List<Pending<?>> batch) throws SQLException {
    for (var pending : batch) {
      try {
        begin(connection, pending.synced);
        var result = pending.work.run(connection.connection());
        var afterwards = finishing(connection.connection());
        var onDurable = committing();
        boolean mustSync = mustSync(connection, pending.synced);
        commitTransaction(connection);
        finished(new Batch(onDurable, List.of(Completion.success(pending, result)), afterwards, mustSync));
      } catch (SQLException | RuntimeException e) {
        rollback(connection);
        finished(Batch.failures(List.of(Completion.failure(pending, e))));
      }
    }
  }

  /**
   * The syncer (SQLite with full durability): fsyncs the WAL once for every batch committed since its
   * last fsync, then completes them, in order; batches of unsynced works alone it completes without an
   * fsync. The committer meanwhile commits the next batch, so the disk's flush latency no longer stalls
   * the one writer; nothing is acknowledged before it is on disk, and readers never hand out a delivery
   * before it is ({@link TransactionListener#committing()}).
   */
  private void sync() {
    try {
      while (!(committerDone && awaitingSync.isEmpty())) {
        var first = awaitingSync.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        var group = new ArrayList<Batch>();
        group.add(first);
        awaitingSync.drainTo(group);
        try {
          if (group.stream().anyMatch(Batch::mustSync)) {
            fsyncWal();
          }
        } catch (IOException e) {
          log.error("fsync of {} failed; {} batches are not known to be durable", walToSync, group.size(), e);
          closeWal();
          var failure = new StoreException("the write could not be made durable: " + e.getMessage(), e);
          group.replaceAll(batch -> batch.failed(failure));
        }
        group.forEach(Batch::complete);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeWal();
    }
  }

  private void fsyncWal() throws IOException {
    if (wal == null) {
      wal = FileChannel.open(walToSync, StandardOpenOption.WRITE);
    }
    wal.force(false);
    fsyncs++;
  }

  private void closeWal() {
    if (wal != null) {
      try {
        wal.close();
      } catch (IOException e) {
        log.debug("closing {}: {}", walToSync, e.toString());
      }
      wal = null;
    }
  }

  /** The completer (no syncer): completes each committed batch's futures, in commit order. */
  private void complete() {
    while (!(committerDone && completions.isEmpty())) {
      try {
        var batch = completions.poll(100, TimeUnit.MILLISECONDS);
        if (batch != null) {
          batch.complete();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * A lost race for a lock, worth running the same batch again: SQLite's SQLITE_BUSY (the busy
   * timeout ran out) and PostgreSQL's serialization failure and deadlock.
   */
  static boolean isTransient(SQLException e) {
    var state = e.getSQLState();
    var message = e.getMessage() == null ? "" : e.getMessage();
    return "40001".equals(state) || "40P01".equals(state) || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
  }

  /** Stops accepting work, commits everything already queued and completes its futures, then returns. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join();
      (syncer != null ? syncer : completer).join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code synced}: its future waits for an fsync of the WAL (SQLite), else only for the commit. */
  private record Pending<T>(SqlWork<T> work, CompletableFuture<T> future, Consumer<? super T> committed, boolean synced) {}

  /**
   * A committed batch: what to run once it is durable (or, if nothing in it {@code mustSync}, once
   * committed), then its futures' outcomes, in order, then what its listeners finished it with.
   */
  private record Batch(List<Runnable> onDurable, List<Completion> completions, List<Runnable> afterwards,
      boolean mustSync) {
    /** A batch that did not commit: nothing to tell the listeners, nothing to fsync, only failed futures. */
    static Batch failures(List<Completion> completions) {
      return new Batch(List.of(), completions, List.of(), false);
    }

    void complete() {
      runAll(onDurable);
      completions.forEach(Completion::run);
      runAll(afterwards);
    }

    private static void runAll(List<Runnable> actions) {
      for (var action : actions) {
        try {
          action.run();
        } catch (RuntimeException e) {
          log.error("a transaction listener's action failed", e);
        }
      }
    }

    Batch failed(Throwable failure) {
      return failures(completions.stream()
          .map(c -> c.failure() != null ? c : Completion.failure(c.pending(), failure))
          .toList());
    }
  }

  private record Completion(Pending<?> pending, Object result, Throwable failure) {
    static Completion success(Pending<?> pending, Object result) {
      return new Completion(pending, result, null);
    }

    static Completion failure(Pending<?> pending, Throwable failure) {
      return new Completion(pending, null, failure);
    }

    @SuppressWarnings("unchecked")
    void run() {
      var future = (CompletableFuture<Object>) pending.future();
      var committed = (Consumer<Object>) pending.committed();
      if (failure == null && committed != null) {
        try {
          committed.accept(result);
        } catch (RuntimeException e) {
          log.error("the commit action of a write failed", e);
        }
      }
      try {
        if (failure != null) {
          future.completeExceptionally(failure);
        } else {
          future.complete(result);
        }
      } catch (RuntimeException e) {
        // A continuation threw; it must not stop the completer (the write itself is settled).
        log.error("a continuation of a committed write failed", e);
      }
    }
  }
}
