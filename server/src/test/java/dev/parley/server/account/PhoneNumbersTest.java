package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "+447911123456      | +447911123456",
      "+44 7911 123456    | +447911123456",
      "+44 (0)7911 123456 | +447911123456",
      "+1 650-253-0000    | +16502530000",
      "+49 151 23456789   | +4915123456789",
      "+33 6 12 34 56 78  | +33612345678"})
  void internationallyWrittenNumberIsNormalizedToE164(String input, String e164) {
    assertThat(PhoneNumbers.normalize(input)).contains(e164);
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertThat(PhoneNumbers.normalize("  +447911123456\t")).contains("+447911123456");
  }

  @ParameterizedTest
  @ValueSource(strings = {"447911123456", "07911123456", "(650) 253-0000"})
  void numberWithoutCountryCodeIsRefused(String input) {
    assertThat(PhoneNumbers.normalize(input)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+1 555", "+999123456", "+44791112345a", "+", "", "+44 7911 123456 ext 1 2 3 4 5 6 7 8 9"})
  void invalidNumberIsRefused(String input) {
    assertThat(PhoneNumbers.normalize(input)).isEmpty();
  }

  @Test
  void overlongInputIsRefusedBeforeParsing() {
    assertThat(PhoneNumbers.normalize("+44" + " ".repeat(30) + "7911123456")).isEmpty();
  }

  @ParameterizedTest
  @NullSource
  void nullIsRefused(String input) {
    assertThat(PhoneNumbers.normalize(input)).isEmpty();
  }
}
