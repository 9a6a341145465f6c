package dev.parley.server.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * A secret kept in the data directory: read if present, else generated once and written with mode
 * 600, so a restart keeps tokens and pending codes valid.
 */
final class SecretFile {
  private SecretFile() {}

  static String readOrCreate(Path file, Supplier<String> generator) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      var value = generator.get();
      var temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, value, StandardCharsets.UTF_8);
      try {
        // An atomic create: two nodes or processes starting together must not each write their own.
        Files.move(temp, file);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(temp);
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the secret " + file.toAbsolutePath(), e);
    }
  }
}
