package dev.parley.client;

import dev.parley.protocol.Limits;

/**
 * Which page of a conversation's history to fetch: the newest messages, those before a seq
 * (scrolling up), or those after one (catching up). Pages are in ascending seq either way.
 *
 * @param before only messages with a lower seq, or null
 * @param after only messages with a higher seq, or null
 * @param limit 1..{@value Limits#MAX_HISTORY_PAGE} messages
 */
public record HistoryQuery(Long before, Long after, int limit) {
  public static final int DEFAULT_LIMIT = 50;

  public HistoryQuery {
    if (before != null && after != null) {
      throw new IllegalArgumentException("before and after cannot both be set");
    }
    if (limit < 1 || limit > Limits.MAX_HISTORY_PAGE) {
      throw new IllegalArgumentException("limit must be 1.." + Limits.MAX_HISTORY_PAGE + ": " + limit);
    }
  }

  public static HistoryQuery latest(int limit) {
    return new HistoryQuery(null, null, limit);
  }

  public static HistoryQuery before(long seq, int limit) {
    return new HistoryQuery(seq, null, limit);
  }

  public static HistoryQuery after(long seq, int limit) {
    return new HistoryQuery(null, seq, limit);
  }

  String toQueryString() {
    var bound = before != null ? "before=" + before + "&" : after != null ? "after=" + after + "&" : "";
    return "?" + bound + "limit=" + limit;
  }
}
