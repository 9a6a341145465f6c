package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.rest.SessionTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSessionStoreTest {
  private static final SessionTokens TOKENS =
      new SessionTokens(AccountId.random(), 2, "access", 1_800_000_000_000L, "refresh", true);

  @TempDir
  Path dir;

  @Test
  void savedSessionIsReadableOnlyByItsOwner() throws Exception {
    // given
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    var store = new FileSessionStore(dir.resolve("parley/session.json"));

    // when
    store.save(TOKENS);

    // then
    assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(store.file().getParent()))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
  }

  @Test
  void savedSessionIsLoadedByANewStore() {
    // given
    var file = dir.resolve("session.json");
    new FileSessionStore(file).save(TOKENS);

    // when
    var loaded = new FileSessionStore(file).load();

    // then
    assertThat(loaded).contains(TOKENS);
  }

  @Test
  void laterSaveReplacesTheEarlierOneAndKeepsTheMode() throws Exception {
    // given
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    var store = new FileSessionStore(dir.resolve("session.json"));
    store.save(TOKENS);
    var rotated = new SessionTokens(TOKENS.accountId(), 2, "access-2", 1_900_000_000_000L, "refresh-2", false);

    // when
    store.save(rotated);

    // then
    assertThat(store.load()).contains(rotated);
    assertThat(Files.getPosixFilePermissions(store.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void missingFileMeansSignedOut() {
    assertThat(new FileSessionStore(dir.resolve("none.json")).load()).isEmpty();
  }

  @Test
  void clearDeletesTheFile() {
    // given
    var store = new FileSessionStore(dir.resolve("session.json"));
    store.save(TOKENS);

    // when
    store.clear();

    // then
    assertThat(store.file()).doesNotExist();
    assertThat(store.load()).isEmpty();
  }
}
