package dev.parley.bench.jmh;

import dev.parley.server.config.StoreConfig;
import dev.parley.server.messaging.sql.SqlMessageStore;
import dev.parley.server.store.Database;
import dev.parley.server.store.GroupCommitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.function.Function;

/**
 * A message store for a benchmark: SQLite in a temporary directory with the server's defaults, a
 * group committer of batches up to 512 and the store on it; {@link #close()} removes it all.
 */
final class TempStore implements AutoCloseable {
  final GroupCommitter committer;
  final SqlMessageStore store;
  private final Path dir;
  private final Database db;

  private TempStore(String prefix, boolean fsync, Function<Database, GroupCommitter> committer) throws IOException {
    this.dir = Files.createTempDirectory(prefix);
    var defaults = StoreConfig.sqlite(dir);
    this.db = Database.open(new StoreConfig(defaults.kind(), dir, "", "", "", "", defaults.poolSize(), fsync,
        defaults.batchMax()));
    this.committer = committer.apply(db);
    this.store = new SqlMessageStore(db, this.committer, InstantSource.system());
  }

  /** The server's committer: {@code BEGIN IMMEDIATE} batches, fsynced by its syncer unless {@code fsync} is false. */
  static TempStore open(String prefix, boolean fsync) throws IOException {
    return new TempStore(prefix, fsync, db -> new GroupCommitter(db, 512, GroupCommitter.BatchListener.NONE));
  }

  /** A committer of plain JDBC transactions on SQLite's own {@code synchronous=FULL}, as {@code StoreAppend} has always measured. */
  static TempStore openPlainTransactions(String prefix) throws IOException {
    return new TempStore(prefix, true,
        db -> new GroupCommitter(db.dataSource(), 512, GroupCommitter.BatchListener.NONE));
  }

  @Override
  public void close() throws IOException {
    committer.close();
    db.close();
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
