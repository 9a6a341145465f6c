package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of database work run inside a transaction it does not own (no commit, no rollback). */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
