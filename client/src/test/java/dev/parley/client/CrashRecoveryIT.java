package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.testing.RawSocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: a server process killed with SIGKILL right after answering
 * {@code sent} delivers every one of those messages after a restart on the same data.
 */
class CrashRecoveryIT {
  private static final int MESSAGES = 300;

  @TempDir
  Path dataDir;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void everyAcknowledgedMessageIsDeliveredAfterSigkillAndRestart() throws Exception {
    // given a server in its own process, alice connected, bob signed in but offline
    var port = freePort();
    var first = startServer(port);
    var url = URI.create("http://127.0.0.1:" + port);
    var bobSignIn = Person.signIn(url, this::codeFor, "+14155558801", "bob", UnaryOperator.identity());
    var bobSession = bobSignIn.session();
    bobSignIn.close();
    var alice = Person.signIn(url, this::codeFor, "+14155558802", "alice", b -> b.reconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)))
        .connected();
    var conversation = alice.client.directConversationWith(bobSession.accountId());

    // when alice's sends are all acknowledged and the server is killed at once
    var sends = new ArrayList<CompletableFuture<SendResult>>();
    for (int i = 0; i < MESSAGES; i++) {
      sends.add(alice.client.send(conversation, "durable " + i));
    }
    var acknowledged = new ArrayList<SendResult.SentMessage>();
    for (var send : sends) {
      acknowledged.add(send.get(30, TimeUnit.SECONDS).orThrow());
    }
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    alice.close();

    // then after a restart on the same data, bob receives every acknowledged message once, in order
    startServer(port);
    try (var bob = Person.resume(url, bobSession, b -> b.autoAck(true))) {
      bob.client.connect();
      bob.client.caughtUp().get(60, TimeUnit.SECONDS);
      assertThat(bob.events.allMessages).extracting(IncomingMessage::messageId)
          .containsExactlyElementsOf(acknowledged.stream().map(SendResult.SentMessage::messageId).toList());
      assertThat(new HashSet<>(bob.events.allMessages.stream().map(IncomingMessage::seq).toList())).hasSize(MESSAGES);
    }
  }

  @Test
  void sigtermClosesSocketsWithGoingAwayAndStopsCleanly() throws Exception {
    // given a server process with one authenticated socket
    var port = freePort();
    var server = startServer(port);
    var url = URI.create("http://127.0.0.1:" + port);
    var alice = Person.signIn(url, this::codeFor, "+14155558803", "alice", UnaryOperator.identity());
    try (var socket = RawSocket.connect(URI.create("ws://127.0.0.1:" + port + "/v1/ws"))) {
      socket.send(new ClientFrame.Auth(alice.session().accessToken()));
      socket.next(ServerFrame.Ready.class);
      socket.next(ServerFrame.CaughtUp.class);

      // when
      server.destroy(); // SIGTERM

      // then the socket is closed with 1001 (going away) and the process stops by itself, having
      // closed its database (SQLite deletes the write-ahead log when the last connection closes cleanly)
      assertThat(socket.awaitClose()).isEqualTo(1001);
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(dataDir.resolve("parley.db")).exists();
      assertThat(dataDir.resolve("parley.db-wal")).doesNotExist();
    } finally {
      alice.close();
    }
  }

  private Process startServer(int port) throws IOException {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "dev.parley.server.Main", "server", "--port", Integer.toString(port), "--host", "127.0.0.1",
        "--data", dataDir.toString(), "--otp.resend-interval", "0s")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.out").toFile()))
        .start();
    processes.add(process);
    var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    var http = HttpClient.newHttpClient();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
      assertThat(process.isAlive()).as("server process alive (see %s)", dataDir.resolve("server.out")).isTrue();
      assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    });
    return process;
  }

  private String codeFor(String phone) {
    try {
      var lines = Files.readAllLines(dataDir.resolve("sms-outbox.log"));
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith(phone + " ")) {
          return lines.get(i).substring(phone.length() + 1);
        }
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no code for " + phone);
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
