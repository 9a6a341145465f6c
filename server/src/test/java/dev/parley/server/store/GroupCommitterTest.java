package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.parley.server.config.StoreConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitterTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path dir;

  private Database database;
  private GroupCommitter committer;
  private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch gateEntered = new CountDownLatch(1);
  private final CountDownLatch gateOpen = new CountDownLatch(1);

  @BeforeEach
  void openDatabase() {
    database = Database.open(StoreConfig.sqlite(dir));
    database.inTransaction(connection -> {
      try (var statement = connection.createStatement()) {
        statement.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, label TEXT NOT NULL)");
      }
      return null;
    });
  }

  @AfterEach
  void closeDatabase() {
    gateOpen.countDown();
    if (committer != null) {
      committer.close();
    }
    database.close();
  }

  @Test
  void runWaitsUntilItsWriteIsCommittedAndThrowsWhatTheWorkThrew() {
    committer = newCommitter(512);
    // when
    int inserted = committer.run(connection -> {
      try (var statement = connection.createStatement()) {
        return statement.executeUpdate("INSERT INTO scratch (label) VALUES ('waited for')");
      }
    });
    // then it is committed when run returns
    assertThat(inserted).isEqualTo(1);
    assertThat(labels()).containsExactly("waited for");
    assertThatExceptionOfType(StoreException.class)
        .isThrownBy(() -> committer.run(connection -> {
          try (var statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO no_such_table (label) VALUES ('x')");
          }
        }))
        .withMessageContaining("no_such_table");
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> committer.run(connection -> {
          throw new IllegalArgumentException("refused by the work");
        }));
  }

  @Test
  void runOnTheCommittersOwnThreadIsRefusedRatherThanWaitingForever() throws Exception {
    committer = newCommitter(512);
    // when a commit action (on the completer) asks to wait for another write
    var refused = new CompletableFuture<Throwable>();
    committer.submit(connection -> null, ignored -> {
      try {
        committer.run(connection -> null);
        refused.complete(null);
      } catch (IllegalStateException e) {
        refused.complete(e);
      }
    });
    // then it is refused at once
    assertThat(refused.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBatchThatLosesASqliteLockRaceIsRunAgain() throws Exception {
    // given a work that reads (taking a snapshot) and, on its first attempt only, lets another
    // connection commit a write before its own write: SQLite refuses that with SQLITE_BUSY_SNAPSHOT
    committer = newCommitter(512);
    var attempts = new java.util.concurrent.atomic.AtomicInteger();

    // when
    var inserted = committer.submit(connection -> {
      attempts.incrementAndGet();
      try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT COUNT(*) FROM scratch")) {
        rows.next();
      }
      if (attempts.get() == 1) {
        database.inTransaction(other -> {
          try (var statement = other.createStatement()) {
            return statement.executeUpdate("INSERT INTO scratch (label) VALUES ('sneaked in')");
          }
        });
      }
      try (var statement = connection.createStatement()) {
        return statement.executeUpdate("INSERT INTO scratch (label) VALUES ('mine')");
      }
    }).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    // then
    assertThat(inserted).isEqualTo(1);
    assertThat(attempts).hasValue(2);
    int rowsNow = database.read(connection -> {
      try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT COUNT(*) FROM scratch")) {
        rows.next();
        return rows.getInt(1);
      }
    });
    assertThat(rowsNow).isEqualTo(2);
  }

  @Test
  void workResultIsTheFuturesValue() throws Exception {
    // given
    committer = newCommitter(512);

    // when
    var future = committer.submit(connection -> insert(connection, 1, "one"));

    // then
    assertThat(future.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(labels()).containsExactly("one");
  }

  @Test
  void worksRunAndCompleteInSubmissionOrder() throws Exception {
    // given
    committer = newCommitter(7);
    var ran = Collections.synchronizedList(new ArrayList<Integer>());
    var completed = Collections.synchronizedList(new ArrayList<Integer>());
    var recorded = new ArrayList<CompletableFuture<Void>>();
    holdCommitter();

    // when
    for (int i = 1; i <= 50; i++) {
      int id = i;
      var future = committer.submit(connection -> {
        ran.add(id);
        return insert(connection, id, "w" + id);
      });
      recorded.add(future.thenAccept(completed::add));
    }
    gateOpen.countDown();
    CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    // then
    var expected = IntStream.rangeClosed(1, 50).boxed().toList();
    assertThat(ran).containsExactlyElementsOf(expected);
    assertThat(completed).containsExactlyElementsOf(expected);
  }

  @Test
  void burstSubmittedWhileBusyIsCommittedInOneBatch() throws Exception {
    // given
    committer = newCommitter(512);
    var first = holdCommitter();
    var burst = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 1; i <= 100; i++) {
      int id = i;
      burst.add(committer.submit(connection -> insert(connection, id, "b" + id)));
    }

    // when
    gateOpen.countDown();
    first.get(10, TimeUnit.SECONDS);
    CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    // then
    assertThat(batchSizes).containsExactly(1, 100);
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(101);
    assertThat(labels()).hasSize(100);
  }

  @Test
  void batchHoldsAtMostMaxBatchWorks() throws Exception {
    // given
    committer = newCommitter(10);
    holdCommitter();
    var burst = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 1; i <= 25; i++) {
      int id = i;
      burst.add(committer.submit(connection -> insert(connection, id, "b" + id)));
    }

    // when
    gateOpen.countDown();
    CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    // then
    assertThat(batchSizes).containsExactly(1, 10, 10, 5);
  }

  @Test
  void idleCommitterCommitsAWorkAlone() throws Exception {
    // given
    committer = newCommitter(512);

    // when
    committer.submit(connection -> insert(connection, 1, "a")).get(10, TimeUnit.SECONDS);
    committer.submit(connection -> insert(connection, 2, "b")).get(10, TimeUnit.SECONDS);

    // then
    assertThat(batchSizes).containsExactly(1, 1);
  }

  @Test
  void failingWorkFailsOnlyItsOwnFutureAndTheRestOfItsBatchCommits() throws Exception {
    // given
    committer = newCommitter(512);
    database.inTransaction(connection -> insert(connection, 7, "already there"));
    holdCommitter();
    var before = committer.submit(connection -> insert(connection, 1, "before"));
    var failing = committer.submit(connection -> {
      insert(connection, 2, "written by the failing work");
      return insert(connection, 7, "duplicate key");
    });
    var after = committer.submit(connection -> insert(connection, 3, "after"));

    // when
    gateOpen.countDown();

    // then
    assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    assertThatExceptionOfType(ExecutionException.class)
        .isThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .withCauseInstanceOf(SQLException.class);
    assertThat(labels()).containsExactly("before", "after", "already there");
  }

  @Test
  void committerKeepsCommittingAfterAFailedWork() throws Exception {
    // given
    committer = newCommitter(512);
    var failed = committer.submit(connection -> {
      throw new SQLException("disk on fire");
    });
    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failed.get(10, TimeUnit.SECONDS));

    // when
    var next = committer.submit(connection -> insert(connection, 1, "next"));

    // then
    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(labels()).containsExactly("next");
  }

  @Test
  void aRowLeftInAKeptStatementsBatchByAFailedWorkIsNotWrittenByTheNext() throws Exception {
    // given a work that adds a row to the hot path's kept statement and fails before running the batch
    committer = newCommitter(512);
    var sql = "INSERT INTO scratch (id, label) VALUES (?, ?)";
    var failed = committer.submit(connection -> {
      var statement = GroupCommitter.statement(connection, sql);
      statement.setInt(1, 1);
      statement.setString(2, "left behind");
      statement.addBatch();
      throw new SQLException("failed before its batch ran");
    });
    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failed.get(10, TimeUnit.SECONDS));

    // when the next work batches a row on the same statement, and one on its bulk twin
    var next = committer.submit(connection -> {
      var statement = GroupCommitter.statement(connection, sql);
      statement.setInt(1, 2);
      statement.setString(2, "next");
      statement.addBatch();
      var bulk = GroupCommitter.bulkStatement(connection, sql);
      bulk.setInt(1, 3);
      bulk.setString(2, "bulk");
      bulk.addBatch();
      return statement.executeBatch().length + bulk.executeBatch().length;
    });

    // then only its own rows are written
    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(labels()).containsExactly("next", "bulk");
  }

  @Test
  void closeCommitsAlreadyQueuedWorkBeforeReturning() throws Exception {
    // given
    committer = newCommitter(4);
    holdCommitter();
    var queued = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 1; i <= 10; i++) {
      int id = i;
      queued.add(committer.submit(connection -> insert(connection, id, "q" + id)));
    }
    var closer = CompletableFuture.runAsync(committer::close);
    await().atMost(PATIENCE).until(() -> committer.submit(connection -> null).isCompletedExceptionally());

    // when
    gateOpen.countDown();
    closer.get(10, TimeUnit.SECONDS);

    // then
    assertThat(queued).allSatisfy(future -> assertThat(future).isCompleted());
    assertThat(labels()).hasSize(10);
  }

  @Test
  void submitAfterCloseFailsWithoutRunningTheWork() {
    // given
    committer = newCommitter(512);
    committer.close();
    var ran = new boolean[1];

    // when
    var future = committer.submit(connection -> {
      ran[0] = true;
      return insert(connection, 1, "late");
    });

    // then
    assertThat(future).isCompletedExceptionally();
    assertThatExceptionOfType(ExecutionException.class)
        .isThrownBy(future::get)
        .withCauseInstanceOf(StoreException.class);
    assertThat(ran[0]).isFalse();
    assertThat(labels()).isEmpty();
  }

  @Test
  void onSqliteABatchIsDurableBeforeItsFuturesCompleteAndListenersHearItFirst() throws Exception {
    // given the committer the server uses: WAL fsynced by the syncer thread
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    var durableMarks = Collections.synchronizedList(new ArrayList<Integer>());
    var committed = new java.util.concurrent.atomic.AtomicInteger();
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public Runnable committing() {
        int mark = committed.get();
        return () -> durableMarks.add(mark);
      }
    });

    // when 200 works are submitted at once, each recording how many rows were durable when it completed
    var seenAtCompletion = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 1; i <= 200; i++) {
      int id = i;
      seenAtCompletion.add(committer.submit(connection -> {
        insert(connection, id, "row " + id);
        return committed.incrementAndGet();
      }).thenApply(count -> {
        synchronized (durableMarks) {
          return durableMarks.stream().mapToInt(Integer::intValue).max().orElse(0) >= count ? count : -count;
        }
      }));
    }

    // then every work completed after a durability notice that covered it, and the rows are there
    for (var future : seenAtCompletion) {
      assertThat(future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isPositive();
    }
    assertThat(labels()).hasSize(200);
  }

  @Test
  void onSqliteUnsyncedWorksAloneAreHandedOnWithoutAnFsyncAndTheNextSyncedBatchCoversThem() throws Exception {
    // given the committer the server uses
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    long before = committer.fsyncs();

    // when an unsynced work commits alone
    committer.submitUnsynced(connection -> insert(connection, 1, "ack")).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    // then it is committed, and no fsync was waited for
    assertThat(labels()).containsExactly("ack");
    assertThat(committer.fsyncs()).isEqualTo(before);

    // and when a synced work follows, one fsync makes both durable
    committer.submit(connection -> insert(connection, 2, "message")).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(committer.fsyncs()).isEqualTo(before + 1);
  }

  @Test
  void aListenerCanRequireAnFsyncForABatchOfUnsyncedWorks() throws Exception {
    // given a listener whose batches must be durable (as when it reserved a block of ids)
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public boolean mustSync() {
        return true;
      }
    });
    long before = committer.fsyncs();

    // when
    committer.submitUnsynced(connection -> insert(connection, 1, "ack")).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    // then
    assertThat(committer.fsyncs()).isEqualTo(before + 1);
  }

  @Test
  void unsyncedWorksCompleteInSubmissionOrderAmongSyncedOnes() throws Exception {
    // given batches of one work each, so that unsynced batches pass synced ones waiting for their fsync
    committer = new GroupCommitter(database, 1, GroupCommitter.BatchListener.NONE);
    var completed = Collections.synchronizedList(new ArrayList<Integer>());
    var recorded = new ArrayList<CompletableFuture<Void>>();
    holdCommitter();

    // when synced and unsynced works alternate
    for (int i = 1; i <= 60; i++) {
      int id = i;
      SqlWork<Integer> work = connection -> insert(connection, id, "w" + id);
      var future = i % 3 == 0 ? committer.submit(work) : committer.submitUnsynced(work);
      recorded.add(future.thenAccept(completed::add));
    }
    gateOpen.countDown();
    CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    // then
    assertThat(completed).containsExactlyElementsOf(IntStream.rangeClosed(1, 60).boxed().toList());
    assertThat(labels()).hasSize(60);
  }

  @Test
  void aRollbackTellsTheListenersBeforeTheNextWorkRuns() throws Exception {
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    var rollbacks = new java.util.concurrent.atomic.AtomicInteger();
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public Runnable committing() {
        return () -> {};
      }

      @Override
      public void rolledBack() {
        rollbacks.incrementAndGet();
      }
    });

    var failed = committer.submit(connection -> {
      insert(connection, 1, "one");
      throw new SQLException("boom");
    });
    var seenByNext = committer.submit(connection -> rollbacks.get());

    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertThat(seenByNext.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isPositive();
    assertThat(labels()).isEmpty();
  }

  @Test
  void aListenerFinishesEachBatchInsideItsTransactionAndActsAfterItsFutures() throws Exception {
    // given a listener that writes one row per batch, naming how many works the batch had
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    var worksInBatch = new java.util.concurrent.atomic.AtomicInteger();
    var batches = new java.util.concurrent.atomic.AtomicInteger();
    var events = new java.util.concurrent.CopyOnWriteArrayList<String>();
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public Runnable finishing(java.sql.Connection connection) throws SQLException {
        int works = worksInBatch.getAndSet(0);
        insert(connection, 100_000 + batches.incrementAndGet(), "batch of " + works);
        return () -> events.add("batch of " + works);
      }

      @Override
      public void rolledBack() {
        worksInBatch.set(0);
      }
    });

    // when 300 works are submitted at once
    var futures = new ArrayList<CompletableFuture<Void>>();
    for (int i = 1; i <= 300; i++) {
      int id = i;
      futures.add(committer.<Integer>submit(connection -> {
        worksInBatch.incrementAndGet();
        return insert(connection, id, "work " + id);
      }, _ -> events.add("work")).thenRun(() -> { }));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

    // then each batch's row is committed, and its action came after its own works had completed
    await().atMost(PATIENCE).until(() -> events.size() == labels().size());
    int worksCompleted = 0;
    int worksFinished = 0;
    for (var event : events) {
      if (event.equals("work")) {
        worksCompleted++;
      } else {
        worksFinished += Integer.parseInt(event.substring("batch of ".length()));
        assertThat(worksCompleted).isGreaterThanOrEqualTo(worksFinished);
      }
    }
    assertThat(worksFinished).isEqualTo(300);
    assertThat(labels().stream().filter(label -> label.startsWith("batch of ")).toList())
        .hasSize(events.size() - 300);
  }

  @Test
  void aBatchRetriedWorkByWorkHandsEachWorkOnWithItsOwnFinishingAfterIt() throws Exception {
    // given a listener that counts the works of each transaction it finishes, and a batch of three
    // works whose middle one fails, so the batch is rolled back and its works run one by one
    committer = newCommitter(512);
    database.inTransaction(connection -> insert(connection, 7, "already there"));
    var works = new java.util.concurrent.atomic.AtomicInteger();
    var events = new java.util.concurrent.CopyOnWriteArrayList<String>();
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public Runnable finishing(java.sql.Connection connection) {
        int finished = works.getAndSet(0);
        return () -> events.add("finished " + finished);
      }

      @Override
      public void rolledBack() {
        works.set(0);
      }
    });
    var held = holdCommitter();
    var first = committer.<Integer>submit(connection -> {
      works.incrementAndGet();
      return insert(connection, 1, "first");
    }, id -> events.add("first"));
    var failing = committer.<Integer>submit(connection -> {
      works.incrementAndGet();
      return insert(connection, 7, "duplicate key");
    }, id -> events.add("failing"));
    var last = committer.<Integer>submit(connection -> {
      works.incrementAndGet();
      return insert(connection, 3, "last");
    }, id -> events.add("last"));

    // when
    gateOpen.countDown();
    held.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    last.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failing.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));

    // then each committed work was finished alone, right after its own commit action; the failed one
    // neither acted nor was finished
    await().atMost(PATIENCE).until(() -> events.size() >= 5);
    assertThat(events).containsExactly("finished 0", "first", "finished 1", "last", "finished 1");
    assertThat(labels()).containsExactly("first", "last", "already there");
  }

  @Test
  void aListenerThatFailsToFinishRollsTheBatchBack() throws Exception {
    // given a listener whose finishing write fails once
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    var failures = new java.util.concurrent.atomic.AtomicInteger(1);
    var rollbacks = new java.util.concurrent.atomic.AtomicInteger();
    committer.listen(new GroupCommitter.TransactionListener() {
      @Override
      public Runnable finishing(java.sql.Connection connection) throws SQLException {
        if (failures.getAndDecrement() > 0) {
          throw new SQLException("finishing failed");
        }
        return () -> {};
      }

      @Override
      public void rolledBack() {
        rollbacks.incrementAndGet();
      }
    });

    // when
    var failed = committer.submit(connection -> insert(connection, 1, "one"));

    // then the work's own write did not commit without the listener's, and the listener heard of it
    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertThat(rollbacks.get()).isPositive();
    assertThat(labels()).isEmpty();
    assertThat(committer.submit(connection -> insert(connection, 2, "two")).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
        .isEqualTo(2);
  }

  @Test
  void commitActionsRunInCommitOrderBeforeTheirFuturesComplete() throws Exception {
    // given
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    var acted = new java.util.concurrent.CopyOnWriteArrayList<Integer>();

    // when 300 works are submitted at once, each with a commit action
    var futures = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 1; i <= 300; i++) {
      int id = i;
      futures.add(committer.submit(connection -> insert(connection, id, "w" + id), acted::add));
    }

    // then each action ran before its future completed, even for an observer that attaches late,
    // and the actions ran in submission (= commit) order
    for (int i = 0; i < futures.size(); i++) {
      int id = futures.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(acted).contains(id);
    }
    assertThat(acted).isEqualTo(IntStream.rangeClosed(1, 300).boxed().toList());
  }

  @Test
  void aFailedWorksCommitActionDoesNotRun() throws Exception {
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
    var acted = new java.util.concurrent.atomic.AtomicInteger();

    var failed = committer.<Integer>submit(connection -> {
      throw new SQLException("boom");
    }, result -> acted.incrementAndGet());

    assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertThat(acted.get()).isZero();
  }

  @Test
  void maxBatchMustBePositive() {
    assertThatExceptionOfType(IllegalArgumentException.class)
        .isThrownBy(() -> new GroupCommitter(database.dataSource(), 0, GroupCommitter.BatchListener.NONE));
  }

  private GroupCommitter newCommitter(int maxBatch) {
    return new GroupCommitter(database.dataSource(), maxBatch, (size, nanos) -> batchSizes.add(size));
  }

  /** Submits a work that holds the committer until {@code gateOpen}; returns once the committer runs it. */
  private CompletableFuture<Void> holdCommitter() throws InterruptedException {
    var held = committer.<Void>submit(connection -> {
      gateEntered.countDown();
      try {
        if (!gateOpen.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return null;
    });
    assertThat(gateEntered.await(10, TimeUnit.SECONDS)).isTrue();
    return held;
  }

  private static int insert(java.sql.Connection connection, int id, String label) throws SQLException {
    try (var statement = connection.prepareStatement("INSERT INTO scratch (id, label) VALUES (?, ?)")) {
      statement.setInt(1, id);
      statement.setString(2, label);
      statement.executeUpdate();
    }
    return id;
  }

  private List<String> labels() {
    return database.read(connection -> {
      var labels = new ArrayList<String>();
      try (var statement = connection.createStatement();
          var rows = statement.executeQuery("SELECT label FROM scratch ORDER BY id")) {
        while (rows.next()) {
          labels.add(rows.getString(1));
        }
      }
      return labels;
    });
  }
}
