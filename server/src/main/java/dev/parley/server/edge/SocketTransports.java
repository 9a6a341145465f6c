package dev.parley.server.edge;

import dev.parley.server.config.ConfigException;
import dev.parley.server.config.EdgeConfig;
import io.vertx.core.transport.Transport;
import java.util.Arrays;
import java.util.List;

/**
 * The Vert.x transport for {@code edge.transport}. {@code auto} takes the first available of
 * io_uring, epoll and the JDK's NIO selector: io_uring submits an event loop's reads and writes in
 * one system call per turn, which is what a group's fan-out needs (a thousand sockets written per
 * message; docs/performance.md, session 8), and it is often switched off in containers (seccomp,
 * {@code kernel.io_uring_disabled}), so epoll comes next.
 */
public final class SocketTransports {
  /**
   * Completion queue entries per io_uring event loop, read by Netty when it first loads io_uring. Its
   * default (4096) overflowed while thousands of sockets per loop connected at once (the bench's
   * connections workload); the kernel then holds the overflow aside and Netty warns. 16,384 entries
   * of 16 bytes are 256 KiB per loop.
   */
  private static final String COMPLETION_QUEUE_SIZE = "16384";

  static {
    if (System.getProperty("io.netty.iouring.cqSize") == null) {
      System.setProperty("io.netty.iouring.cqSize", COMPLETION_QUEUE_SIZE);
    }
  }

  private SocketTransports() {}

  /** The transport to run on: the one configured, which must be available, or for {@code auto} the first available. */
  public static Transport choose(EdgeConfig.Transport wanted) {
    return firstAvailable(switch (wanted) {
      case AUTO -> Arrays.asList(Transport.IO_URING, Transport.EPOLL, Transport.NIO);
      case IO_URING -> Arrays.asList(Transport.IO_URING);
      case EPOLL -> Arrays.asList(Transport.EPOLL);
      case NIO -> List.of(Transport.NIO);
    });
  }

  /**
   * The first available of {@code candidates} (Vert.x leaves a transport null when its classes are
   * missing); if none is, a {@link ConfigException} saying why the first is not.
   */
  static Transport firstAvailable(List<Transport> candidates) {
    for (var candidate : candidates) {
      if (candidate != null && candidate.available()) {
        return candidate;
      }
    }
    var first = candidates.getFirst();
    var cause = first == null ? null : first.unavailabilityCause();
    throw new ConfigException("edge.transport", (first == null ? "this transport" : first.name())
        + " is not available on this machine" + (cause == null ? "" : ": " + cause.getMessage()));
  }
}
