package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.server.config.EdgeConfig;
import dev.parley.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive chat as a person uses it: the real jar ({@code java -jar target/parley-cli.jar})
 * in a pseudo-terminal made by {@code script}, so JLine runs on a real terminal in raw mode. The test
 * types into the terminal and reads the screen; the other person uses the CLI in-process.
 */
class ChatIT {
  private static final AtomicInteger PHONES = new AtomicInteger(4000);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  private static String newPhone() {
    return "+1415555%04d".formatted(PHONES.incrementAndGet());
  }

  private static TestServer startOn(Path data, int port) {
    return TestServer.start(data, TestServer.StoreKind.SQLITE, config -> {
      var e = config.edge();
      return config.withEdge(new EdgeConfig(e.host(), port, e.publicUrl(), e.eventLoops(), e.transport(), e.maxFrameBytes(), e.heartbeatInterval(),
          e.idleTimeout(), e.authTimeout()));
    });
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Cli signedIn(URI url, TestServer server, String name, String phone) {
    var cli = new Cli(url, dir.resolve(name));
    assertThat(cli.run("register", phone, "--name", name).exitCode()).isZero();
    assertThat(cli.run("verify", phone, server.codeFor(phone)).exitCode()).isZero();
    return cli;
  }

  @Test
  void typedLinesAreSentIncomingMessagesAppearAndOfflineLinesGoOutOnReconnect() throws Exception {
    int port = freePort();
    var data = dir.resolve("server");
    var url = URI.create("http://127.0.0.1:" + port);
    var server = startOn(data, port);
    Screen screen = null;
    try {
      // given alice and bob, and a message from bob waiting in the history
      var alicePhone = newPhone();
      var bobPhone = newPhone();
      var alice = signedIn(url, server, "alice", alicePhone);
      var bob = signedIn(url, server, "bob", bobPhone);
      assertThat(bob.run("send", alicePhone, "before", "the", "chat").exitCode()).isZero();

      // when alice opens the chat, the scrollback shows it
      screen = Screen.start(alice, bobPhone);
      screen.awaitShows("bob (" + bobPhone + "): before the chat");

      // when alice types a line, bob receives it, and alice sees it stored
      screen.type("hello from the terminal");
      var heard = bob.run("listen", "--count", "1", "--timeout", "20");
      assertThat(heard.out()).as(heard.toString()).contains("alice (" + alicePhone + "): hello from the terminal");
      screen.awaitShows("you: hello from the terminal  ✓");

      // when bob sends, it appears on alice's screen
      assertThat(bob.run("send", alicePhone, "seen", "on", "screen").exitCode()).isZero();
      screen.awaitShows("bob (" + bobPhone + "): seen on screen");

      // when the server goes away, alice is told, and what she types waits in the outbox
      server.close();
      screen.awaitShows("-- offline");
      screen.type("typed while offline");
      screen.awaitShows("you: typed while offline  … (not connected");

      // then it is sent when the server is back
      server = startOn(data, port);
      screen.awaitShows("-- connected");
      var later = bob.run("listen", "--count", "1", "--timeout", "20");
      assertThat(later.out()).as(later.toString()).contains("alice (" + alicePhone + "): typed while offline");
      screen.awaitShows("you: typed while offline  ✓");

      // and /quit leaves with exit code 0
      screen.type("/quit");
      assertThat(screen.awaitExit()).isZero();
    } finally {
      if (screen != null) {
        screen.kill();
      }
      server.close();
    }
  }

  /** The chat process in a pseudo-terminal: what it printed, with escape sequences removed. */
  private static final class Screen {
    private final Process process;
    private final OutputStream keyboard;
    private final StringBuffer text = new StringBuffer();

    private Screen(Process process) {
      this.process = process;
      this.keyboard = process.getOutputStream();
      Thread.ofPlatform().daemon().name("chat-screen").start(() -> copy(process.getInputStream()));
    }

    static Screen start(Cli cli, String to) throws IOException {
      var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      var jar = Path.of("target", "parley-cli.jar").toAbsolutePath().toString();
      var command = "stty cols 160 rows 50; exec " + java + " --enable-native-access=ALL-UNNAMED -jar " + jar
          + " --server " + cli.server() + " --home " + cli.home() + " chat " + to;
      var process = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true).start();
      return new Screen(process);
    }

    private void copy(InputStream in) {
      var buffer = new byte[4096];
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // The process ended.
      }
    }

    String shown() {
      // CSI and OSC escape sequences, then stray carriage returns.
      return text.toString().replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001B\\][^\u0007]*\u0007", "")
          .replaceAll("\u001B[=>()][0-9A-Za-z]?", "").replace("\r", "");
    }

    void type(String line) throws IOException {
      keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }

    void awaitShows(String expected) {
      await().atMost(WAIT).untilAsserted(() -> assertThat(shown()).contains(expected));
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("chat exited; screen:%n%s", shown()).isTrue();
      return process.exitValue();
    }

    void kill() {
      process.destroyForcibly();
    }
  }
}
