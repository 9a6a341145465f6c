package dev.parley.server.account;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/** Phone numbers in E.164, checked with libphonenumber's metadata (length and ranges per country). */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** The E.164 form of {@code input} if it is a valid, internationally written number. */
  public static Optional<String> normalize(String input) {
    if (input == null || input.length() > 32 || !input.strip().startsWith("+")) {
      return Optional.empty();
    }
    try {
      var number = UTIL.parse(input.strip(), null);
      if (!UTIL.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
