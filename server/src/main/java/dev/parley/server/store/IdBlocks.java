package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Ids handed out from blocks reserved in the {@code id_blocks} table, so that inserting a row needs
 * neither {@code RETURNING} nor a sequence round trip and rows can be inserted in batches.
 *
 * <p>A block is reserved by the transaction that first needs it and is only safe to use once that
 * transaction commits, so the committer calls {@link #forget()} whenever it rolls back: a block whose
 * reservation was rolled back could be reserved again later. Ids are unique and increase in the order
 * they are handed out; gaps are normal.
 *
 * <p>Not thread-safe: used on the {@link GroupCommitter}'s thread only.
 */
public final class IdBlocks {
  private final String name;
  private final int blockSize;
  private long next;
  private long end;
  private long lastIssued;
  private boolean reserved;

  public IdBlocks(String name, int blockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be positive: " + blockSize);
    }
    this.name = name;
    this.blockSize = blockSize;
  }

  /** The next id, reserving a new block in the caller's transaction when the current one is used up. */
  public long next(Connection c) throws SQLException {
    if (next == end) {
      reserve(c);
    }
    lastIssued = next;
    return next++;
  }

  /** The highest id handed out so far (0 before the first), including ids of rolled-back transactions. */
  public long lastIssued() {
    return lastIssued;
  }

  /** Whether a block was reserved since the last call (or since {@link #forget()}); clears the mark. */
  public boolean takeReserved() {
    boolean wasReserved = reserved;
    reserved = false;
    return wasReserved;
  }

  /** Drops the current block (its reservation may have been rolled back). */
  public void forget() {
    next = 0;
    end = 0;
    reserved = false;
  }

  private void reserve(Connection c) throws SQLException {
    try (var s = c.prepareStatement("UPDATE id_blocks SET next_id = next_id + ? WHERE name = ? RETURNING next_id")) {
      s.setLong(1, blockSize);
      s.setString(2, name);
      try (var rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no id block named " + name + " in id_blocks");
        }
        end = rs.getLong(1);
        next = end - blockSize;
        reserved = true;
      }
    }
  }
}
