package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.StoreConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the committer asks of PostgreSQL for unsynced works (GroupCommitterTest covers the rest on SQLite). */
class PostgresGroupCommitterTest {
  private StoreConfig config;
  private Database database;
  private GroupCommitter committer;

  @BeforeEach
  void open() {
    config = TestDatabases.postgres();
    database = Database.open(config);
    committer = new GroupCommitter(database, 512, GroupCommitter.BatchListener.NONE);
  }

  @AfterEach
  void close() {
    committer.close();
    database.close();
    TestDatabases.dropSchema(config);
  }

  @Test
  void aBatchOfUnsyncedWorksCommitsWithoutWaitingForTheWalFlushAndASyncedOneWaits() throws Exception {
    assertThat(committer.submitUnsynced(PostgresGroupCommitterTest::synchronousCommit).get(10, TimeUnit.SECONDS))
        .isEqualTo("off");
    // on the same connection: SET LOCAL ended with the unsynced batch's transaction
    assertThat(committer.submit(PostgresGroupCommitterTest::synchronousCommit).get(10, TimeUnit.SECONDS))
        .isEqualTo("on");
  }

  private static String synchronousCommit(Connection connection) throws SQLException {
    try (var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT current_setting('synchronous_commit')")) {
      result.next();
      return result.getString(1);
    }
  }
}
