package dev.parley.bench;

import dev.parley.protocol.Json;
import dev.parley.protocol.rest.ProvisionRequest;
import dev.parley.protocol.rest.ProvisionedAccounts;
import dev.parley.protocol.rest.SessionTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Creates bench accounts through the server's admin provisioning endpoint (docs/protocol.md). */
final class Provisioner {
  private static final int PER_REQUEST = 5000;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI server;
  private final String adminToken;
  // A random 6-digit prefix per run (1,000,000 numbers), so runs against one long-lived server do not collide.
  private final String prefix = "+1" + (100_000 + new SecureRandom().nextInt(900_000));

  Provisioner(URI server, String adminToken) {
    this.server = server;
    this.adminToken = adminToken;
  }

  /** Creates a group owned by {@code owner} with {@code members} ({@code POST /v1/groups}); returns its conversation id. */
  String createGroup(SessionTokens owner, List<dev.parley.protocol.AccountId> members) throws IOException {
    var body = Json.mapper().writeValueAsString(new dev.parley.protocol.rest.CreateGroupRequest("bench", null, members));
    var request = HttpRequest.newBuilder(server.resolve("/v1/groups"))
        .header("Authorization", "Bearer " + owner.accessToken())
        .header("Content-Type", "application/json")
        .timeout(Duration.ofMinutes(2))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201 && response.statusCode() != 200) {
        throw new IOException("creating the group failed with " + response.statusCode() + ": " + response.body());
      }
      return Json.mapper().readTree(response.body()).path("conversationId").asText();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating the group", e);
    }
  }

  /** {@code count} new accounts, each with device 1 signed in. */
  List<SessionTokens> accounts(int count) throws IOException {
    var sessions = new ArrayList<SessionTokens>(count);
    while (sessions.size() < count) {
      int n = Math.min(PER_REQUEST, count - sessions.size());
      var request = HttpRequest.newBuilder(server.resolve("/v1/admin/accounts"))
          .header("Authorization", "Bearer " + adminToken)
          .header("Content-Type", "application/json")
          .timeout(Duration.ofMinutes(5))
          .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(new ProvisionRequest(n, prefix))))
          .build();
      HttpResponse<String> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while provisioning", e);
      }
      if (response.statusCode() != 200) {
        throw new IOException("provisioning failed with " + response.statusCode() + ": " + response.body()
            + (response.statusCode() == 404 ? " (is the server started with --admin.token?)" : ""));
      }
      var created = Json.mapper().readValue(response.body(), ProvisionedAccounts.class).accounts();
      if (created.isEmpty()) {
        throw new IOException("provisioning returned no accounts: the prefix " + prefix + " is exhausted");
      }
      created.forEach(account -> sessions.add(account.session()));
    }
    return sessions;
  }
}
