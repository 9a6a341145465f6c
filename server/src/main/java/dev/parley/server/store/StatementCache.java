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
   * the caller and the driver, which matters when a batch binds thousands of parameters. Its batch is
   * empty; the caller must set every parameter and must not close it.
   */
  PreparedStatement kept(String sql) throws SQLException {
    var statement = cached(sql).real();
    statement.clearBatch();
    return statement;
  }

  private Cached cached(String sql) throws SQLException {
    var statement = statements.get(sql);
    if (statement == null) {
      var prepared = real.prepareStatement(sql);
      statement = new Cached(reusable(prepared), prepared);
      statements.put(sql, statement);
    }
    return statement;
  }

  private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("prepareStatement") && args != null && args.length == 1 && args[0] instanceof String sql) {
      return cached(sql).reusable();
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
