package dev.parley.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.protocol.rest.OtpRequest;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.protocol.rest.VerifyRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls for tests of the REST edge; answers are status plus parsed JSON. */
public final class RestClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestServer server;

  public RestClient(TestServer server) {
    this.server = server;
  }

  public record Answer(int status, JsonNode json) {
    public String errorCode() {
      return json.path("error").path("code").asText();
    }
  }

  public Answer call(String method, String path, String body, String accessToken) {
    var builder = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (accessToken != null) {
      builder.header("Authorization", "Bearer " + accessToken);
    }
    try {
      var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      var json = response.body().isEmpty() ? Json.mapper().missingNode() : Json.mapper().readTree(response.body());
      return new Answer(response.statusCode(), json);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path + " failed", e);
    }
  }

  public Answer post(String path, Object body) {
    return call("POST", path, write(body), null);
  }

  /** Signs a device in through the real OTP flow. */
  public SessionTokens signIn(String phone, String deviceName) {
    var otp = post("/v1/accounts/otp", new OtpRequest(phone));
    if (otp.status() != 202 && !otp.errorCode().equals("otp_throttled")) {
      throw new AssertionError("otp request failed: " + otp);
    }
    var verified = post("/v1/accounts/verify", new VerifyRequest(phone, server.codeFor(phone), deviceName));
    if (verified.status() != 200) {
      throw new AssertionError("verify failed: " + verified);
    }
    try {
      return Json.mapper().treeToValue(verified.json(), SessionTokens.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String write(Object body) {
    try {
      return body instanceof String s ? s : Json.mapper().writeValueAsString(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
