package dev.parley.server.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.parley.server.config.ConfigException;
import dev.parley.server.config.EdgeConfig;
import io.vertx.core.transport.Transport;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketTransportsTest {

  @Test
  void theFirstAvailableCandidateIsTaken() {
    // given a first choice that is missing (null: its classes are not on the classpath) and one that cannot run here
    var missing = (Transport) null;
    var unavailable = new Unavailable("io_uring", new UnsupportedOperationException("io_uring_setup: EPERM"));

    // when
    var chosen = SocketTransports.firstAvailable(Arrays.asList(missing, unavailable, Transport.NIO));

    // then
    assertThat(chosen).isSameAs(Transport.NIO);
  }

  @Test
  void aTransportThatCannotRunHereIsRefusedNamingTheKeyAndTheCause() {
    // given
    var unavailable = new Unavailable("io_uring", new UnsupportedOperationException("io_uring_setup: EPERM"));

    // then
    assertThatExceptionOfType(ConfigException.class)
        .isThrownBy(() -> SocketTransports.firstAvailable(List.of(unavailable)))
        .satisfies(e -> assertThat(e.key()).isEqualTo("edge.transport"))
        .withMessageContaining("io_uring is not available on this machine: io_uring_setup: EPERM");
  }

  @Test
  void autoAlwaysFindsOneAndNioIsAlwaysAvailable() {
    assertThat(SocketTransports.choose(EdgeConfig.Transport.AUTO).available()).isTrue();
    assertThat(SocketTransports.choose(EdgeConfig.Transport.NIO)).isSameAs(Transport.NIO);
  }

  /** A transport whose native library could not load here. */
  private record Unavailable(String name, Throwable unavailabilityCause) implements Transport {
    @Override
    public boolean available() {
      return false;
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
      throw new UnsupportedOperationException(name + " is not available");
    }
  }
}
