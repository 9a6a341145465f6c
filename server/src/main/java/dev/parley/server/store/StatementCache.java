package dev.parley.server.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.PGStatement;

/**
 * Keeps the committer's prepared statements across transactions. Works are written plainly
 * ({@code try (var s = c.prepareStatement(SQL))}); on the connection this returns, preparing a
 * statement seen before hands back the prepared one and closing it only clears its parameters.
 *
 * <p>Why: sqlite-jdbc has no statement cache, and preparing was about a quarter of the committer's
 * time under load (docs/performance.md). PostgreSQL's driver caches server-side statements itself,
 * but reusing the JDBC object still saves a parse per statement.
 */
final class StatementCache implements AutoCloseable {
  private static final int MAX_STATEMENTS = 256;
  /** Prefix the key of a bulk and of a replanned statement ({@link #kept}); no SQL starts with them. */
  private static final String BULK = "bulk\0";
  private static final String REPLANNED = "replanned\0";

  private final Connection real;
  private final Connection cached;
  private record Cached(PreparedStatement reusable, PreparedStatement real) {}

  private final Map<String, Cached> statements = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
      if (size() <= MAX_STATEMENTS) {
        return false;
      }
      closeQuietly(eldest.getValue().real());
      return true;
    }
  };

  StatementCache(Connection real) {
    this.real = real;
    this.cached = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        this::onConnection);
  }

  /** The connection to hand to works. Only the committer thread uses it. */
  Connection connection() {
    return cached;
  }

  Connection real() {
    return real;
  }

  /**
   * The kept statement itself, for the hot path ({@link GroupCommitter#statement}): no proxy between
   * the caller and the driver, which matters when a batch binds thousands of parameters. The caller
   * must set every parameter, must run any batch it adds to before its work returns, and must not
   * close it. Its batch is empty: every batch is run, or discarded with its transaction
   * ({@link #discardBatches}).
   *
   * <p>{@code bulk} asks for a second statement of the same SQL, for batches of hundreds of rows:
   * sqlite-jdbc keeps a batch's parameters in an array that grows to the largest batch the statement
   * has run and never shrinks, and clears all of it after every run; a statement that runs a one-row
   * batch per message must not share that array with one that runs a batch per commit.
   */
  PreparedStatement kept(String sql, boolean bulk) throws SQLException {
    return cached(bulk ? BULK + sql : sql, sql, false).real();
  }

  /**
   * Like {@link #kept}, for a statement PostgreSQL plans afresh, with its parameters' values, every
   * time it runs: the driver never prepares it on the server, where after five runs the server may
   * keep one generic plan for good. On other databases the same as {@link #kept}.
   */
  PreparedStatement keptReplanned(String sql) throws SQLException {
    return cached(REPLANNED + sql, sql, true).real();
  }

  /** Empties every kept statement's batch: after a rollback, a work that failed half way may have left rows in one. */
  void discardBatches() {
    for (var statement : statements.values()) {
      try {
        statement.real().clearBatch();
      } catch (SQLException e) {
        // Only a closed statement refuses, and a closed statement is never handed out again.
      }
    }
  }

  private Cached cached(String key, String sql, boolean replanned) throws SQLException {
    var statement = statements.get(key);
    if (statement == null) {
      var prepared = real.prepareStatement(sql);
      if (replanned && prepared.isWrapperFor(PGStatement.class)) {
        prepared.unwrap(PGStatement.class).setPrepareThreshold(0);
      }
      statement = new Cached(reusable(prepared), prepared);
      statements.put(key, statement);
    }
    return statement;
  }

  private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
      return cached(sql, sql, false).reusable();
    }
    if (method.getName().equals("unwrap") && args != null && args[0] == StatementCache.class) {
      return this;
    }
    if (method.getName().equals("close")) {
      return null; // the committer owns the connection
    }
    return invoke(real, method, args);
  }

  private static PreparedStatement reusable(PreparedStatement statement) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close")) {
        statement.clearParameters();
        statement.clearBatch();
        return null;
      }
      return invoke(statement, method, args);
    };
    return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException e) {
      // A statement that cannot be closed dies with its connection.
    }
  }

  @Override
  public void close() {
    statements.clear();
    try {
      real.close();
    } catch (SQLException e) {
      // The pool discards a connection that fails to close.
    }
  }
}
