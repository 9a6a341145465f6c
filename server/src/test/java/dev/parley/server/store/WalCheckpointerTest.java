package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.config.StoreConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpointer against a real SQLite database: a writer with automatic checkpoints off, as the
 * group committer's, writes while the checkpointer copies the WAL back on its own thread.
 */
class WalCheckpointerTest {
  private static final int PAGE = 4096;
  /** A row that fills about two pages, so every transaction appends a few frames to the WAL. */
  private static final int ROW_BYTES = 2 * PAGE;
  private static final int RESTART_FRAMES = 1_000;

  @TempDir Path dir;

  private Database database;
  private Connection writer;
  private FileChannel databaseFile;
  private WalCheckpointer checkpointer;

  @BeforeEach
  void open() throws SQLException, IOException {
    database = Database.open(StoreConfig.sqlite(dir));
    writer = database.dataSource().getConnection();
    try (var statement = writer.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = 0");
      // The test is about the WAL's length, not its durability: no fsync per transaction.
      statement.execute("PRAGMA synchronous = OFF");
      statement.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    }
    databaseFile = FileChannel.open(dir.resolve("parley.db"), StandardOpenOption.WRITE);
    checkpointer = new WalCheckpointer(database.dataSource(), databaseFile, Duration.ofMillis(5), RESTART_FRAMES);
  }

  @AfterEach
  void close() throws SQLException, IOException {
    checkpointer.close();
    writer.close();
    database.close();
    databaseFile.close();
  }

  @Test
  void aRoundCopiesWhatWasCommittedIntoTheDatabaseFileWithoutTheWriter() throws Exception {
    // given 200 rows of 8 KiB committed with the writer's automatic checkpoints off
    long before = databaseFileBytes();
    for (int i = 0; i < 200; i++) {
      write();
    }

    // then the database file itself grows by them: only a checkpoint copies pages out of the WAL
    await().atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(databaseFileBytes() - before).isGreaterThanOrEqualTo(200L * ROW_BYTES));
  }

  @Test
  void aRoundFlushesTheDatabaseFileItCopiedInto() throws Exception {
    // given nothing written since the checkpointer started: no round runs, so nothing is flushed
    await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> checkpointer.flushes() == 0);

    // when rows are committed
    long before = databaseFileBytes();
    for (int i = 0; i < 50; i++) {
      write();
    }

    // then a round copies them into the database file and flushes it, rather than leave the pages to SQLite's next full copy
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(databaseFileBytes() - before).isGreaterThanOrEqualTo(50L * ROW_BYTES);
      assertThat(checkpointer.flushes()).isPositive();
    });
  }

  @Test
  void underContinuousWritesTheWalStartsOverAndStaysBounded() throws Exception {
    // given a writer that never pauses between transactions, except for what the checkpointer asks of
    // it, and a round of the checkpointer every 50 transactions, run here at known points: on a thread
    // of its own, how far the WAL ran past the catch-up length depended on how long a round took on
    // the machine (CI saw 11,227 and 17,060 frames on a busy disk)
    checkpointer.close();
    checkpointer = new WalCheckpointer(database.dataSource(), databaseFile, Duration.ofDays(1), RESTART_FRAMES);
    int restarts = 0;
    long checkpointSequence = walCheckpointSequence();
    int transactions = 0;
    // 60,000 transactions (about 120,000 frames, 480 MiB of WAL had it never started over) bound the
    // loop; it stops as soon as the WAL has started over five times.
    for (; transactions < 60_000 && restarts < 5; transactions++) {
      write();
      if (transactions % 50 == 49) {
        roundWhileATransactionIsCommitted();
        transactions++;
      }
      checkpointer.catchUp(writer);
      long sequence = walCheckpointSequence();
      if (sequence != checkpointSequence) {
        checkpointSequence = sequence;
        restarts++;
      }
    }
    // SQLite writes a restarted WAL from its start and never shrinks the file (no journal_size_limit),
    // so its size now is the longest the WAL has been.
    long longestWal = Files.size(wal());

    // then SQLite started the WAL over again and again, and the file never held many more frames than
    // the length at which the writer is asked to catch up
    assertThat(restarts).as("WAL restarts in %d transactions", transactions).isEqualTo(5);
    long frameBytes = PAGE + 24;
    assertThat(longestWal / frameBytes).as("longest WAL, in frames").isLessThan(2L * RESTART_FRAMES);
  }

  /**
   * A round that cannot copy the whole WAL, as under continuous writes, where transactions commit
   * while it runs: a reader's snapshot taken before the writer's latest transaction keeps that
   * transaction's frames from being copied. Without the writer catching up, the WAL never starts over.
   */
  private void roundWhileATransactionIsCommitted() throws Exception {
    try (var reader = database.dataSource().getConnection()) {
      reader.setAutoCommit(false);
      try (var statement = reader.createStatement(); var rs = statement.executeQuery("SELECT COUNT(*) FROM scratch")) {
        rs.next();
      }
      write();
      checkpointer.round();
      reader.rollback();
    }
  }

  private void write() throws SQLException {
    var body = new byte[ROW_BYTES];
    ThreadLocalRandom.current().nextBytes(body);
    try (var insert = writer.prepareStatement("INSERT INTO scratch (body) VALUES (?)")) {
      insert.setBytes(1, body);
      insert.executeUpdate();
    }
    checkpointer.written();
  }

  private Path wal() {
    return dir.resolve("parley.db-wal");
  }

  private long databaseFileBytes() throws IOException {
    return Files.size(dir.resolve("parley.db"));
  }

  /** The WAL header's checkpoint sequence number (bytes 12-15, big-endian): SQLite adds one each time the WAL starts over. */
  private long walCheckpointSequence() throws IOException {
    return walCheckpointSequence(wal());
  }

  static long walCheckpointSequence(Path wal) throws IOException {
    try (var channel = FileChannel.open(wal)) {
      var header = ByteBuffer.allocate(16);
      return channel.read(header, 0) < header.capacity() ? -1 : Integer.toUnsignedLong(header.getInt(12));
    }
  }
}
