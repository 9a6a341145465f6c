package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdTest {

  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, 1_700_000_000_000L, 0xFFFF_FFFF_FFFFL})
  void generatedIdIsAVersion7RfcVariantUuid(long millis) {
    // when
    var uuid = UUID.fromString(MessageId.generate(millis).value());

    // then
    assertThat(uuid.version()).isEqualTo(7);
    assertThat(uuid.variant()).isEqualTo(2); // RFC 9562 / 4122: bits 10
  }

  @ParameterizedTest
  @ValueSource(longs = {0L, 1L, 1_700_000_000_000L, 0xFFFF_FFFF_FFFFL})
  void generatedIdCarriesItsMillisecondsInTheTop48Bits(long millis) {
    // when
    var uuid = UUID.fromString(MessageId.generate(millis).value());

    // then
    assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(millis);
  }

  @Test
  void idsOfIncreasingMillisecondsSortInTimeOrder() {
    // given
    var ids = new ArrayList<String>();
    long start = 1_700_000_000_000L;

    // when
    for (int i = 0; i < 1_000; i++) {
      ids.add(MessageId.generate(start + i).value());
    }

    // then: the canonical string (what databases index) sorts in the order of generation
    assertThat(ids).isSortedAccordingTo(String::compareTo);
  }

  @Test
  void idsOfTheSameMillisecondAreDistinct() {
    // given
    var ids = new HashSet<MessageId>();

    // when
    for (int i = 0; i < 10_000; i++) {
      ids.add(MessageId.generate(1_700_000_000_000L));
    }

    // then
    assertThat(ids).hasSize(10_000);
  }

  @Test
  void generatedIdIsTheCanonicalLowerCaseForm() {
    // when
    var value = MessageId.generate(1_700_000_000_000L).value();

    // then
    assertThat(value).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }
}
