package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.ConfigKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpExitsZeroAndListsEveryConfigurationKey() {
    // when
    int exit = run("server", "--help");

    // then
    assertThat(exit).isZero();
    var help = out.toString();
    for (var key : ConfigKey.ALL) {
      assertThat(help).as(key.name()).contains(key.option()).contains(key.environmentVariable());
    }
    assertThat(help).contains("--config");
  }

  @Test
  void unknownOptionExitsOneNamingIt() {
    // when
    int exit = run("server", "--prot", "9000");

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("--prot");
  }

  @Test
  void nonNumericPortExitsOneNamingPort() {
    // when
    int exit = run("server", "--port", "abc");

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("\"port\"").contains("abc");
  }

  @Test
  void missingCommandExitsOneWithUsage() {
    // when
    int exit = run();

    // then
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("usage: parley server");
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
