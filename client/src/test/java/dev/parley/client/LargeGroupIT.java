package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Json;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.ProvisionRequest;
import dev.parley.protocol.rest.ProvisionedAccounts;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.server.config.AdminConfig;
import dev.parley.server.testing.RawSocket;
import dev.parley.server.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1024-member group (the default maximum): one send reaches every online member. Members are
 * provisioned through the admin API and listen on bare sockets, so the test's own footprint stays
 * small; the owner uses the SDK. Correctness only: speed is the bench's job.
 */
class LargeGroupIT {
  private static final String ADMIN_TOKEN = "large-group-test-admin-token";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void oneSendReachesEveryOnlineMemberOfA1024MemberGroup(TestServer.StoreKind store) throws Exception {
    try (var server = TestServer.start(dir, store, c -> c.withAdmin(new AdminConfig(ADMIN_TOKEN)))) {
      // given 1023 members online on their own sockets
      var members = provision(server.url(), 1023);
      var sockets = new ArrayList<RawSocket>();
      try {
        for (var member : members) {
          var socket = RawSocket.connect(server.webSocketUrl());
          socket.send(new ClientFrame.Auth(member.accessToken()));
          sockets.add(socket);
        }
        for (var socket : sockets) {
          socket.next(ServerFrame.Ready.class);
          socket.next(ServerFrame.CaughtUp.class);
        }
        try (var owner = Person.signIn(server.url(), server::codeFor, "+14155557777", "owner", b -> b).connected()) {
          var group = owner.client.groups().create("Everyone", "", members.stream().map(SessionTokens::accountId).toList());
          assertThat(group.members()).hasSize(1024);

          // when
          var sent = owner.client.send(group.conversationId(), "hello, all 1023 of you").get(30, TimeUnit.SECONDS).orThrow();

          // then every member's socket gets it (after the group's creation events)
          for (var socket : sockets) {
            ServerFrame.Message message;
            do {
              message = socket.next(ServerFrame.Message.class);
            } while (message.event() != null);
            assertThat(message.messageId()).isEqualTo(sent.messageId());
            assertThat(message.payload()).isEqualTo("hello, all 1023 of you");
          }
        }
      } finally {
        sockets.forEach(RawSocket::close);
      }
    }
  }

  private static List<SessionTokens> provision(URI server, int count) throws Exception {
    var request = HttpRequest.newBuilder(server.resolve("/v1/admin/accounts"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(new ProvisionRequest(count, "+1415"))))
        .build();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.mapper().readValue(response.body(), ProvisionedAccounts.class).accounts().stream()
        .map(ProvisionedAccounts.Account::session)
        .toList();
  }
}
