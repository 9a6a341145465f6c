package dev.parley.server.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log back into the database file on a thread of its own, so that the one
 * writer does not stall for it.
 *
 * <p>SQLite checkpoints on the committing connection by default, when a commit leaves the WAL longer
 * than {@code wal_autocheckpoint} pages: it copies every page the WAL holds into the database file and
 * fsyncs that file while the writer waits. With thousands of pages that took tens of milliseconds,
 * once or twice a second at a few thousand messages per second, and it set the p99 of a message's
 * latency (docs/performance.md). Here the writer turns its automatic checkpoints off and this thread
 * runs {@code PASSIVE} checkpoints, which do not block the writer, every {@code interval} after a
 * write.
 *
 * <p>A passive checkpoint copies the frames committed before it starts, and SQLite starts the WAL
 * over only when a write transaction begins with every frame copied; under steady writes a checkpoint
 * on another thread never quite catches up, and the WAL would grow without end. So this thread repeats
 * its pass while a pass still finds more than {@link #CATCH_UP_FRAMES} new frames, and once the WAL is
 * longer than {@code restartFrames} asks the writer to copy the few that are left between two
 * transactions ({@link #catchUp}), after which its next transaction starts the WAL over.
 *
 * <p>SQLite fsyncs the database file only when a checkpoint has copied the whole WAL; a pass that
 * leaves frames behind leaves its pages to the kernel's writeback. They then reached the disk in
 * bursts, a thousand random writes at a time, and the WAL fsyncs that acknowledge messages waited
 * behind them (docs/performance.md, session 11). So this thread flushes the database file after
 * each round: the same pages go out in smaller, regular batches, and the writer's own checkpoint in
 * {@link #catchUp} finds fewer of them left to flush.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
  /** New frames below which a pass counts as caught up: a few hundred are a millisecond or two to copy. */
  private static final int CATCH_UP_FRAMES = 256;
  private static final int MAX_PASSES = 4;
  /** WAL length (in frames, a page each) from which the writer copies the last frames so that the WAL starts over: 128 MiB. */
  private static final int RESTART_FRAMES = 32_768;

  private final DataSource dataSource;
  private final FileChannel databaseFile; // flushed after each round; null: left to SQLite and the kernel
  private final long intervalNanos;
  private final int restartFrames;
  private final Thread thread;
  private volatile boolean closing;
  private volatile boolean written;
  private volatile boolean catchUpDue;
  private volatile long flushes; // written by this thread only

  /**
   * {@code databaseFile}: a channel on the database file, flushed after each round (or null). The
   * caller closes it only after every connection to the database: closing any descriptor of a file
   * drops the POSIX locks this process holds on it, SQLite's included.
   */
  WalCheckpointer(DataSource dataSource, FileChannel databaseFile, Duration interval) {
    this(dataSource, databaseFile, interval, RESTART_FRAMES);
  }

  /** {@code restartFrames}: WAL length from which the writer is asked to copy the last frames (tests use a short one). */
  WalCheckpointer(DataSource dataSource, FileChannel databaseFile, Duration interval, int restartFrames) {
    this.dataSource = dataSource;
    this.databaseFile = databaseFile;
    this.intervalNanos = interval.toNanos();
    this.restartFrames = restartFrames;
    this.thread = Thread.ofPlatform().name("parley-checkpointer").daemon().start(this::run);
  }

  /** The writer committed a transaction: the next round has something to copy. */
  void written() {
    if (!written) {
      written = true;
    }
  }

  /**
   * The writer, between two transactions: copies what the last round left, if it asked for that, so
   * that the writer's next transaction starts the WAL over.
   */
  void catchUp(Connection writer) throws SQLException {
    if (catchUpDue) {
      catchUpDue = false;
      checkpoint(writer);
    }
  }

  private void run() {
    while (!closing) {
      LockSupport.parkNanos(this, intervalNanos);
      if (closing || !written) {
        continue;
      }
      written = false;
      try {
        round();
      } catch (SQLException | IOException | RuntimeException e) {
        log.warn("background checkpoint of the write-ahead log failed; retrying in {} ms: {}",
            intervalNanos / 1_000_000, e.toString());
        written = true;
      }
    }
  }

  /**
   * One round: passive checkpoints until few new frames are left, a flush of the database file, and
   * whether the writer is to catch up. This thread runs one per interval once something was written;
   * a test that needs rounds at known points runs them itself, with an interval that never ends.
   */
  void round() throws SQLException, IOException {
    try (var connection = dataSource.getConnection()) {
      long seen = -1;
      for (int pass = 0; pass < MAX_PASSES && !closing; pass++) {
        long frames = checkpoint(connection);
        // A pass copies the frames committed before it began; those committed during it are
        // left. A pass that found few new frames was quick, so few were committed meanwhile.
        boolean fewNew = seen >= 0 && frames >= seen && frames - seen <= CATCH_UP_FRAMES;
        seen = frames;
        if (fewNew || frames <= CATCH_UP_FRAMES) {
          break;
        }
      }
      flushDatabaseFile();
      // Starting the WAL over costs the writer a checkpoint of its own, with an fsync of the database
      // file (12-37 ms at 5,000 msgs/s), so it is asked for only once the WAL is long; asking then at
      // all keeps the WAL from growing without end.
      catchUpDue = seen >= restartFrames;
    }
  }

  private void flushDatabaseFile() throws IOException {
    if (databaseFile != null) {
      databaseFile.force(false);
      flushes++;
    }
  }

  /** How many rounds have flushed the database file; for tests. */
  long flushes() {
    return flushes;
  }

  /** Runs a passive checkpoint; returns the frames the WAL held when it began (since the WAL last started over). */
  static long checkpoint(Connection connection) throws SQLException {
    try (var statement = connection.createStatement(); var result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      return result.next() ? Math.max(0, result.getLong(2)) : 0; // -1 when the database is not in WAL mode
    }
  }

  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
