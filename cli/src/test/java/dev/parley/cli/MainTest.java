package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the CLI does before it needs a server: usage errors, help, a home with no session. */
class MainTest {
  @TempDir
  Path home;

  private Cli cli() {
    // Nothing listens there; none of these tests may get that far.
    return new Cli(URI.create("http://127.0.0.1:9"), home);
  }

  @Test
  void unknownCommandIsAUsageError() {
    var result = cli().run("sned", "+14155550123", "hi");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).startsWith("error: ").contains("sned").contains("--help");
  }

  @Test
  void missingArgumentIsAUsageErrorNamingIt() {
    var result = cli().run("send");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("TO").contains("parley send --help");
  }

  @Test
  void malformedPhoneNumberIsAUsageError() {
    var result = cli().run("register", "4155550123");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("international form");
  }

  @Test
  void helpListsEveryCommandAndExitsZero() {
    var result = Cli.runRaw("--help");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(result.out()).contains("register", "verify", "whoami", "devices", "logout", "send", "listen", "history",
        "group", "chat", "Exit codes");
  }

  @Test
  void aHomeWithoutSessionIsNotSignedIn() {
    var result = cli().run("whoami");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(result.err()).isEqualTo("error: not signed in: run 'parley register PHONE' and 'parley verify PHONE CODE'\n");
  }

  @Test
  void badServerUrlIsAUsageError() {
    var result = Cli.runRaw("--server", "ftp://example.org", "--home", home.toString(), "whoami");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("--server");
  }
}
