package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** An account, by a random UUID: ids never reveal how many accounts exist or in what order they came. */
public record AccountId(@JsonValue String value) implements Comparable<AccountId> {
  @JsonCreator
  public AccountId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 64) {
      throw new IllegalArgumentException("account id must be 1..64 characters");
    }
  }

  public static AccountId random() {
    return new AccountId(UUID.randomUUID().toString());
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
