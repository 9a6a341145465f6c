package dev.parley.client.internal;

import com.fasterxml.jackson.databind.JavaType;
import dev.parley.client.ParleyApiException;
import dev.parley.protocol.ErrorCode;

/**
 * REST calls made as the signed-in device: adds the access token and, when the server answers
 * {@code token_expired} (a clock skew, or a token that expired in flight), refreshes once and
 * repeats the call. Thread-safe.
 */
public final class RestCalls {
  private final HttpJson http;
  private final Session session;

  public RestCalls(HttpJson http, Session session) {
    this.http = http;
    this.session = session;
  }

  public <T> T authorized(String method, String path, Object body, JavaType responseType) {
    var token = session.accessToken();
    try {
      return http.call(method, path, body, token, responseType);
    } catch (ParleyApiException e) {
      if (e.code() != ErrorCode.TOKEN_EXPIRED) {
        throw e;
      }
      return http.call(method, path, body, session.accessTokenReplacing(token), responseType);
    }
  }

  public <T> T anonymous(String method, String path, Object body, JavaType responseType) {
    return http.call(method, path, body, null, responseType);
  }
}
