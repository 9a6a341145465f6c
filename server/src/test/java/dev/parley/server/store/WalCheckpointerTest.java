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
    // given a writer that never pauses between transactions, except for what the checkpointer asks of it
    int restarts = 0;
    long checkpointSequence = walCheckpointSequence();
    int transactions = 0;
    // 60,000 transactions (about 120,000 frames, 480 MiB of WAL had it never started over) bound the
    // loop; it stops once the WAL has started over five times and at least 20,000 transactions (about
    // 40,000 frames) were written.
    for (; transactions < 60_000 && (restarts < 5 || transactions < 20_000); transactions++) {
      write();
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

    // then SQLite started the WAL over again and again, and the file never held more than a few
    // thousand frames beyond the length at which the writer is asked to catch up. How far beyond
    // depends on how many frames the writer adds during one round of the checkpointer, and so on how
    // the machine schedules its thread and on how long its flush of the database file takes: 11,227
    // frames were seen once on a busy machine, hence the margin.
    assertThat(restarts).as("WAL restarts in %d transactions", transactions).isGreaterThanOrEqualTo(5);
    long frameBytes = PAGE + 24;
    assertThat(longestWal / frameBytes).as("longest WAL, in frames").isLessThan(16L * RESTART_FRAMES);
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
