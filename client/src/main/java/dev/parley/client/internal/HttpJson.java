package dev.parley.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.parley.client.ParleyApiException;
import dev.parley.client.ParleyUnreachableException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.rest.ErrorResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One REST call: JSON in, JSON out, and the mapping of failures to the SDK's exceptions. Knows
 * nothing about sessions; {@link RestCalls} adds the access token. Thread-safe.
 */
public final class HttpJson {
  private final HttpClient http;
  private final URI base;
  private final Duration requestTimeout;

  /** @param base the server's root; paths are resolved against it, so it may carry a prefix */
  public HttpJson(HttpClient http, URI base, Duration requestTimeout) {
    this.http = http;
    this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
    this.requestTimeout = requestTimeout;
  }

  public URI base() {
    return base;
  }

  /** Encodes one path segment: ids may hold ':' and, from a future server, anything else. */
  public static String pathSegment(String value) {
    // URLEncoder is for forms: it turns spaces into '+', which a path would keep literally.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static JavaType type(Class<?> type) {
    return Json.mapper().constructType(type);
  }

  public static JavaType type(TypeReference<?> type) {
    return Json.mapper().constructType(type);
  }

  /**
   * @param path relative to the server root, without a leading slash ({@code v1/devices})
   * @param body serialized as JSON, or null for none
   * @param bearer access token, or null for an anonymous call
   * @param responseType null when the answer has no body (204)
   */
  public <T> T call(String method, String path, Object body, String bearer, JavaType responseType) {
    var uri = base.resolve(path);
    var request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
      }
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return read(method, uri, response, responseType);
    } catch (IOException e) {
      throw new ParleyUnreachableException("cannot reach " + method + " " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParleyUnreachableException("interrupted during " + method + " " + uri, e);
    }
  }

  private static <T> T read(String method, URI uri, HttpResponse<byte[]> response, JavaType type)
      throws IOException {
    int status = response.statusCode();
    byte[] bytes = response.body();
    if (status >= 200 && status < 300) {
      if (type == null || bytes.length == 0) {
        return null;
      }
      return Json.mapper().readValue(bytes, type);
    }
    ErrorResponse error = null;
    try {
      error = bytes.length == 0 ? null : Json.mapper().readValue(bytes, ErrorResponse.class);
    } catch (IOException notOurs) {
      // Not a Parley error body (a proxy's HTML page, say): fall through to the status alone.
    }
    if (error == null || error.error() == null || error.error().code() == null) {
      if (status == 502 || status == 503 || status == 504) {
        throw new ParleyUnreachableException(method + " " + uri + " answered " + status + " from something in front of the server", null);
      }
      throw new ParleyApiException(fallbackCode(status), status, method + " " + uri + " answered " + status, null);
    }
    var body = error.error();
    throw new ParleyApiException(body.code(), status, body.message() == null ? "" : body.message(), body.details());
  }

  private static ErrorCode fallbackCode(int status) {
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 429 -> ErrorCode.RATE_LIMITED;
      default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
    };
  }
}
