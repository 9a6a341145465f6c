package dev.parley.server.http;

/** A successful REST answer with a status other than 200, or without a body (204). */
public record Reply(int status, Object body) {
  public static Reply accepted(Object body) {
    return new Reply(202, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }
}
