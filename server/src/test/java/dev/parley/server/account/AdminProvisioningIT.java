package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Json;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.ProvisionRequest;
import dev.parley.protocol.rest.ProvisionedAccounts;
import dev.parley.server.config.AdminConfig;
import dev.parley.server.testing.RawSocket;
import dev.parley.server.testing.RestClient;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.util.HashSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code POST /v1/admin/accounts}: bulk accounts for load tests, behind the admin token, absent without one. */
class AdminProvisioningIT {
  private static final String TOKEN = "test-admin-token-0123456789";

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void provisionedAccountsCanSignInOnTheWebSocket(TestServer.StoreKind kind) throws Exception {
    // given
    try (var server = TestServer.start(dir, kind, config -> config.withAdmin(new AdminConfig(TOKEN)))) {
      var rest = new RestClient(server);

      // when
      var answer = rest.call("POST", "/v1/admin/accounts", json(new ProvisionRequest(1200, "+1415")), TOKEN);

      // then
      assertThat(answer.status()).isEqualTo(200);
      var accounts = Json.mapper().treeToValue(answer.json(), ProvisionedAccounts.class).accounts();
      assertThat(accounts).hasSize(1200);
      assertThat(new HashSet<>(accounts.stream().map(ProvisionedAccounts.Account::phone).toList())).hasSize(1200);
      assertThat(accounts).allSatisfy(a -> assertThat(a.session().deviceId()).isEqualTo(1));
      try (var socket = RawSocket.connect(server.webSocketUrl())) {
        socket.send(new ClientFrame.Auth(accounts.getLast().session().accessToken()));
        assertThat(socket.next(ServerFrame.Ready.class).accountId()).isEqualTo(accounts.getLast().session().accountId());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void aSecondCallSkipsTakenNumbers(TestServer.StoreKind kind) throws Exception {
    // given
    try (var server = TestServer.start(dir, kind, config -> config.withAdmin(new AdminConfig(TOKEN)))) {
      var rest = new RestClient(server);
      var first = rest.call("POST", "/v1/admin/accounts", json(new ProvisionRequest(3, "+4420")), TOKEN);

      // when
      var second = rest.call("POST", "/v1/admin/accounts", json(new ProvisionRequest(3, "+4420")), TOKEN);

      // then
      var phones = new HashSet<String>();
      for (var answer : java.util.List.of(first, second)) {
        Json.mapper().treeToValue(answer.json(), ProvisionedAccounts.class).accounts().forEach(a -> phones.add(a.phone()));
      }
      assertThat(phones).hasSize(6).allSatisfy(phone -> assertThat(phone).startsWith("+4420").hasSize(13));
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void aWrongOrMissingTokenIsRefused(TestServer.StoreKind kind) {
    try (var server = TestServer.start(dir, kind, config -> config.withAdmin(new AdminConfig(TOKEN)))) {
      var rest = new RestClient(server);
      var body = json(new ProvisionRequest(1, "+1415"));

      assertThat(rest.call("POST", "/v1/admin/accounts", body, TOKEN + "x").errorCode()).isEqualTo("unauthenticated");
      assertThat(rest.call("POST", "/v1/admin/accounts", body, null).status()).isEqualTo(401);
      assertThat(rest.call("POST", "/v1/admin/accounts", json(new ProvisionRequest(0, "+1415")), TOKEN).errorCode())
          .isEqualTo("bad_request");
      assertThat(rest.call("POST", "/v1/admin/accounts", json(new ProvisionRequest(1, "1415")), TOKEN).errorCode())
          .isEqualTo("bad_request");
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void withoutAnAdminTokenTheEndpointDoesNotExist(TestServer.StoreKind kind) {
    // given the default configuration: admin.token empty
    try (var server = TestServer.start(dir, kind)) {
      // when
      var answer = new RestClient(server).call("POST", "/v1/admin/accounts", json(new ProvisionRequest(1, "+1415")), TOKEN);

      // then
      assertThat(answer.status()).isEqualTo(404);
      assertThat(answer.errorCode()).isEqualTo("not_found");
    }
  }

  private static String json(Object body) {
    try {
      return Json.mapper().writeValueAsString(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
