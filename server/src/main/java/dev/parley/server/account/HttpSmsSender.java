package dev.parley.server.account;

import dev.parley.server.config.SmsConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/**
 * Sends codes through an SMS provider's REST API in the Twilio style:
 * {@code POST {url}/Accounts/{account}/Messages.json} with a form body {@code To, From, Body} and
 * HTTP basic authentication (account id, token). Any 2xx is success; anything else is an error that
 * carries the provider's status, so the operator sees why.
 */
public final class HttpSmsSender implements SmsSender {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI endpoint;
  private final String authorization;
  private final String from;

  public HttpSmsSender(SmsConfig config, HttpClient http) {
    this.http = http;
    var base = config.httpUrl().endsWith("/") ? config.httpUrl().substring(0, config.httpUrl().length() - 1) : config.httpUrl();
    this.endpoint = URI.create(base + "/Accounts/" + URLEncoder.encode(config.httpAccount(), StandardCharsets.UTF_8) + "/Messages.json");
    this.authorization = "Basic " + Base64.getEncoder()
        .encodeToString((config.httpAccount() + ":" + config.httpToken()).getBytes(StandardCharsets.UTF_8));
    this.from = config.httpFrom();
  }

  @Override
  public void send(String e164, String code) throws SmsException {
    var form = new LinkedHashMap<String, String>();
    form.put("To", e164);
    form.put("From", from);
    form.put("Body", "Your Parley code is " + code + ". Do not share it.");
    var body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    var request = HttpRequest.newBuilder(endpoint)
        .timeout(TIMEOUT)
        .header("Authorization", authorization)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new SmsException("SMS provider answered " + response.statusCode() + ": " + abbreviate(response.body()), null);
      }
    } catch (IOException e) {
      throw new SmsException("SMS provider unreachable at " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmsException("interrupted while sending an SMS", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
