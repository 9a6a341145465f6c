package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Json;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands, run in-process as separate people (separate homes) against a real server. */
class CliEndToEndIT {
  private static final AtomicInteger PHONES = new AtomicInteger(3000);

  @TempDir
  static Path serverDir;

  @TempDir
  Path homes;

  private static TestServer server;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(serverDir, TestServer.StoreKind.SQLITE);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static String newPhone() {
    return "+1415555%04d".formatted(PHONES.incrementAndGet());
  }

  /** Registers and verifies a new person through the CLI, in a home of their own. */
  private Cli signedIn(String name, String phone) {
    var cli = new Cli(server.url(), homes.resolve(name));
    var registered = cli.run("register", phone, "--name", name);
    assertThat(registered.exitCode()).as(registered.toString()).isZero();
    var verified = cli.run("verify", phone, server.codeFor(phone), "--device", name + "'s terminal");
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.out()).contains("Signed in as " + phone + " (new account)");
    return cli;
  }

  private static Map<String, Object> json(String line) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> map = Json.mapper().readValue(line, Map.class);
      return map;
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  @Test
  void twoPeopleExchangeMessagesAndSeeReceiptsAndHistory() throws IOException {
    // given
    var alicePhone = newPhone();
    var bobPhone = newPhone();
    var alice = signedIn("alice", alicePhone);
    var bob = signedIn("bob", bobPhone);
    assertThat(Files.getPosixFilePermissions(alice.home().resolve("session.json")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    // when alice sends and bob listens (and reads)
    var sent = alice.run("send", bobPhone, "hi", "bob");
    var bobHears = bob.run("listen", "--json", "--count", "1", "--read", "--timeout", "20");

    // then bob gets the message, with the id alice was given
    assertThat(sent.exitCode()).as(sent.toString()).isZero();
    var messageId = sent.out().strip();
    assertThat(bobHears.exitCode()).as(bobHears.toString()).isZero();
    var message = json(bobHears.lines().getLast());
    assertThat(message).containsEntry("type", "message").containsEntry("messageId", messageId)
        .containsEntry("payload", "hi bob").containsEntry("seq", 1);

    // when bob answers and alice listens
    var reply = bob.run("send", alicePhone, "hello alice");
    var aliceHears = alice.run("listen", "--json", "--count", "1", "--timeout", "20");

    // then alice sees bob's delivered and read receipts for her message, then his answer
    assertThat(reply.exitCode()).as(reply.toString()).isZero();
    assertThat(aliceHears.exitCode()).as(aliceHears.toString()).isZero();
    var events = aliceHears.lines().stream().map(CliEndToEndIT::json).toList();
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", "delivered").containsEntry("messageId", messageId));
    assertThat(events).anySatisfy(e -> assertThat(e).containsEntry("type", "read").containsEntry("seq", 1));
    assertThat(events.getLast()).containsEntry("type", "message").containsEntry("payload", "hello alice");

    // and both see the conversation in history, oldest first
    var history = alice.run("history", bobPhone);
    assertThat(history.exitCode()).as(history.toString()).isZero();
    assertThat(history.lines()).hasSize(2);
    assertThat(history.lines().get(0)).startsWith("#1 ").endsWith("you: hi bob");
    assertThat(history.lines().get(1)).startsWith("#2 ").endsWith("bob (" + bobPhone + "): hello alice");
    var bobsHistory = bob.run("history", (String) message.get("conversationId"), "--json", "--limit", "5");
    assertThat(bobsHistory.lines()).extracting(l -> json(l).get("payload")).containsExactly("hi bob", "hello alice");
  }

  @Test
  void whoamiAndDevicesShowTheSignedInDevice() {
    // given
    var phone = newPhone();
    var carol = signedIn("carol", phone);

    // when
    var whoami = carol.run("whoami", "--json");
    var devices = carol.run("devices");

    // then
    assertThat(json(whoami.out().strip())).containsEntry("phone", phone).containsEntry("displayName", "carol")
        .containsEntry("deviceId", 1);
    assertThat(devices.out()).contains("carol's terminal").contains("(this device)");
  }

  @Test
  void aPortNobodyListensOnIsUnreachable() throws IOException {
    // given a port that was free a moment ago
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var nowhere = new Cli(URI.create("http://127.0.0.1:" + port), homes.resolve("dan"));

    // when
    var result = nowhere.run("register", newPhone());

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(result.err()).startsWith("error: cannot reach the server at http://127.0.0.1:" + port);
    assertThat(result.err()).doesNotContain("\tat ");
  }

  @Test
  void noSessionInHomeIsNotSignedIn() {
    var result = new Cli(server.url(), homes.resolve("nobody")).run("send", newPhone(), "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(result.err()).contains("not signed in");
  }

  @Test
  void aRemovedDeviceIsToldItsSessionWasRevoked() {
    // given erin signed in on two devices
    var phone = newPhone();
    var laptop = signedIn("erin", phone);
    var phoneHome = new Cli(server.url(), homes.resolve("erin-phone"));
    assertThat(phoneHome.run("register", phone).exitCode()).isZero();
    assertThat(phoneHome.run("verify", phone, server.codeFor(phone), "--device", "phone").exitCode()).isZero();

    // when the second device removes the first
    var removed = phoneHome.run("devices", "remove", "1");

    // then the first is signed out, says so, and forgets the session
    assertThat(removed.exitCode()).as(removed.toString()).isZero();
    var result = laptop.run("whoami");
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(result.err()).contains("session revoked").contains("verify");
    assertThat(laptop.run("whoami").err()).contains("not signed in");
  }

  @Test
  void sendingToAConversationOneIsNotInIsRefused() {
    // given
    var alice = newPhone();
    var bob = newPhone();
    var aliceCli = signedIn("alice2", alice);
    signedIn("bob2", bob);
    var mallory = signedIn("mallory", newPhone());
    assertThat(aliceCli.run("send", bob, "private").exitCode()).isZero();
    var conversation = json(aliceCli.run("history", bob, "--json").lines().getFirst()).get("conversationId");

    // when
    var result = mallory.run("send", (String) conversation, "let me in");

    // then
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.err()).startsWith("error: not_a_member: ");
  }

  @Test
  void sendingToAnInvalidNumberIsRefused() {
    var frank = signedIn("frank", newPhone());

    // +1 555 numbers are not valid numbers (libphonenumber), so no account can have one.
    var result = frank.run("send", "+15555550123", "hello?");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(result.err()).startsWith("error: account_not_found: ").contains("+15555550123");
  }

  @Test
  void aGroupIsCreatedUsedListedAndLeftThroughTheCli() {
    // given
    var bobPhone = newPhone();
    var ginaPhone = newPhone();
    var gina = signedIn("gina", ginaPhone);
    var bob = signedIn("bob3", bobPhone);

    // when gina creates a group with bob and writes to it
    var created = gina.run("group", "create", "Hikers", bobPhone);
    assertThat(created.exitCode()).as(created.toString()).isZero();
    var groupId = created.lines().getFirst().split(" ")[0];
    assertThat(groupId).startsWith("g:");
    assertThat(gina.run("send", groupId, "saturday?").exitCode()).isZero();

    // then bob sees the group and its message
    var list = bob.run("group", "list", "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    var group = json(list.lines().getFirst());
    assertThat(group).containsEntry("type", "group").containsEntry("conversationId", groupId).containsEntry("name", "Hikers");
    assertThat((List<?>) group.get("members")).hasSize(2);
    var history = bob.run("history", groupId, "--json");
    assertThat(history.lines()).extracting(l -> json(l).get("payload")).contains("saturday?");

    // when bob leaves, he can no longer write to it
    assertThat(bob.run("group", "leave", groupId).exitCode()).isZero();
    var refused = bob.run("send", groupId, "still here?");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.REFUSED);
    assertThat(refused.err()).startsWith("error: not_a_member: ");
  }

  @Test
  void logoutEndsTheSession() {
    var hank = signedIn("hank", newPhone());

    var result = hank.run("logout");

    assertThat(result.exitCode()).isZero();
    assertThat(hank.run("whoami").exitCode()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(List.of(hank.home().toFile().list())).doesNotContain("session.json");
  }
}
