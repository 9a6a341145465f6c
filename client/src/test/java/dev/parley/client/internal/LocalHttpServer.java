package dev.parley.client.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.protocol.Json;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK's HTTP server on a free loopback port, standing in for Parley's REST API in SDK unit tests. */
public final class LocalHttpServer {
  private LocalHttpServer() {}

  public static HttpServer start() {
    try {
      var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers with {@code body} as JSON. */
  public static void reply(HttpExchange exchange, int status, Object body) throws IOException {
    var bytes = Json.mapper().writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
