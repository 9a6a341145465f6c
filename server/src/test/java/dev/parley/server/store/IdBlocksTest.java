package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.config.StoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdBlocksTest {
  @TempDir Path dir;

  private Database database;

  @BeforeEach
  void open() {
    database = Database.open(StoreConfig.sqlite(dir));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void idsIncreaseWithinAndAcrossBlocksAndEachReservationIsReportedOnce() {
    var ids = new IdBlocks("delivery", 2);

    database.inTransaction(c -> {
      long first = ids.next(c);
      assertThat(ids.takeReserved()).isTrue();
      assertThat(ids.takeReserved()).isFalse();
      assertThat(ids.next(c)).isEqualTo(first + 1);
      assertThat(ids.takeReserved()).isFalse(); // same block
      assertThat(ids.next(c)).isEqualTo(first + 2);
      assertThat(ids.takeReserved()).isTrue(); // the next block
      assertThat(ids.lastIssued()).isEqualTo(first + 2);
      return null;
    });
  }

  @Test
  void aForgottenReservationIsNotReportedAndTheNextIdReservesAgain() {
    var ids = new IdBlocks("delivery", 10);

    database.inTransaction(c -> {
      long first = ids.next(c);
      ids.forget();
      assertThat(ids.takeReserved()).isFalse();
      assertThat(ids.next(c)).isEqualTo(first + 10);
      assertThat(ids.takeReserved()).isTrue();
      return null;
    });
  }
}
