package dev.parley.cli;

import dev.parley.client.ClientListener;
import dev.parley.client.FileSessionStore;
import dev.parley.client.ParleyClient;
import dev.parley.protocol.Json;
import dev.parley.protocol.rest.SessionTokens;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * One run's settings and state: the server, the home directory, its {@link HomeState} and session
 * file, and a factory for SDK clients. Built from {@code --server}/{@code --home}, then the
 * {@code PARLEY_SERVER}/{@code PARLEY_HOME} variables, then what the home remembers, then defaults.
 */
public final class CliContext {
  static final String SESSION_FILE = "session.json";
  static final String SETTINGS_FILE = "settings.json";
  /** A terminal user waits seconds, not the SDK's 30 s maximum, for a dropped connection to come back. */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(3);

  private final Io io;
  private final Path home;
  private final URI server;
  private final FileSessionStore sessions;

  private CliContext(Io io, Path home, URI server) {
    this.io = io;
    this.home = home;
    this.server = server;
    this.sessions = new FileSessionStore(home.resolve(SESSION_FILE));
  }

  static CliContext create(Io io, String serverOption, Path homeOption) {
    var home = homeOption != null ? homeOption
        : io.env().get("PARLEY_HOME") != null && !io.env().get("PARLEY_HOME").isBlank() ? Path.of(io.env().get("PARLEY_HOME"))
        : Path.of(System.getProperty("user.home"), ".parley");
    home = home.toAbsolutePath();
    var remembered = readState(home).server();
    var server = serverOption != null ? serverOption
        : io.env().get("PARLEY_SERVER") != null && !io.env().get("PARLEY_SERVER").isBlank() ? io.env().get("PARLEY_SERVER")
        : remembered != null ? remembered
        : ParleyCommand.DEFAULT_SERVER;
    return new CliContext(io, home, parseServer(server));
  }

  public URI server() {
    return server;
  }

  Path home() {
    return home;
  }

  Io io() {
    return io;
  }

  PrintStream out() {
    return io.out();
  }

  PrintStream err() {
    return io.err();
  }

  HomeState state() {
    return readState(home);
  }

  void saveState(HomeState state) {
    var file = home.resolve(SETTINGS_FILE);
    try {
      ensureHome();
      var temp = home.resolve(SETTINGS_FILE + ".tmp");
      Files.write(temp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A client on this home's session, not yet connected. */
  ParleyClient client() {
    return client(ClientListener.NONE, UnaryOperator.identity());
  }

  ParleyClient client(ClientListener listener, UnaryOperator<ParleyClient.Builder> customize) {
    var builder = ParleyClient.builder(server)
        .sessionStore(sessions)
        .listener(listener)
        .reconnectBackoff(Duration.ofMillis(250), MAX_RECONNECT_DELAY)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(15));
    return customize.apply(builder).build();
  }

  /** The stored session, or a failure with exit code {@link ExitCodes#NOT_SIGNED_IN}. */
  SessionTokens requireSession(ParleyClient client) {
    try {
      return client.session().orElseThrow(CliFailure::notSignedIn);
    } catch (UncheckedIOException e) {
      throw new CliFailure(ExitCodes.NOT_SIGNED_IN, "cannot read the session in " + sessions.file() + ": " + e.getCause().getMessage());
    }
  }

  /** Drops a session the server no longer accepts, so the next command says "not signed in" at once. */
  void forgetSession() {
    try {
      sessions.clear();
    } catch (UncheckedIOException e) {
      // Best effort: the command is failing anyway, and the server refuses the stale tokens either way.
    }
  }

  /** Creates the home directory readable by its owner only: it holds credentials. */
  void ensureHome() throws IOException {
    if (Files.isDirectory(home)) {
      return;
    }
    if (home.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(home);
    }
  }

  private static HomeState readState(Path home) {
    var file = home.resolve(SETTINGS_FILE);
    if (!Files.exists(file)) {
      return HomeState.EMPTY;
    }
    try {
      return Json.mapper().readValue(file.toFile(), HomeState.class);
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static URI parseServer(String value) {
    try {
      var uri = new URI(value.endsWith("/") ? value : value + "/");
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
        throw CliFailure.usage("--server must be an http:// or https:// URL: " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CliFailure.usage("--server is not a URL: " + value);
    }
  }
}
