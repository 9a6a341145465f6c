package dev.parley.client;

import dev.parley.protocol.Json;
import dev.parley.protocol.rest.SessionTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A {@link SessionStore} in one JSON file, for the terminal client and other desktop apps.
 *
 * <p>The tokens are credentials, so on POSIX systems the file is created with mode 600 (and its
 * directory, if the store creates it, 700) before any byte is written: a file created with the
 * default umask and narrowed afterwards would be readable for a moment. Each save writes a
 * temporary file beside the target and renames it over, so a crash leaves the old or the new
 * session, never half of one. Thread-safe within one process; two processes sharing a file would
 * both rotate the refresh token and revoke each other, which the server reports as
 * {@code refresh_token_reused}.
 */
public final class FileSessionStore implements SessionStore {
  private static final String OWNER_ONLY_FILE = "rw-------";
  private static final String OWNER_ONLY_DIR = "rwx------";

  private final Path file;

  public FileSessionStore(Path file) {
    this.file = file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  /**
   * @throws UncheckedIOException if the file exists but cannot be read or parsed; a corrupt store is
   *     reported rather than silently treated as signed out
   */
  @Override
  public synchronized Optional<SessionTokens> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), SessionTokens.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read session file " + file, e);
    }
  }

  @Override
  public synchronized void save(SessionTokens tokens) {
    try {
      var dir = file.getParent();
      if (!Files.isDirectory(dir)) {
        createPrivate(dir, true);
      }
      var temp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      createPrivate(temp, false);
      Files.write(temp, Json.mapper().writeValueAsBytes(tokens));
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so only exotic file systems get here; a plain replace is still better than failing.
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write session file " + file, e);
    }
  }

  @Override
  public synchronized void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete session file " + file, e);
    }
  }

  private static void createPrivate(Path path, boolean directory) throws IOException {
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (directory) {
        if (posix) {
          Files.createDirectories(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_DIR)));
        } else {
          Files.createDirectories(path);
        }
      } else if (posix) {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
      } else {
        Files.createFile(path);
      }
    } catch (FileAlreadyExistsException e) {
      // Another thread or process created it between our check and here; its mode is its creator's business.
    }
  }
}
