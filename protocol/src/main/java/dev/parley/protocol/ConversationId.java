package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation: a direct chat between two accounts or a group.
 *
 * <p>A direct conversation's id is derived from its two members ({@code d:<lower>:<higher>}), so both
 * sides name it without asking the server first and it can never exist twice. Group ids are
 * {@code g:<uuid>}.
 */
public record ConversationId(@JsonValue String value) {
  private static final String DIRECT_PREFIX = "d:";
  private static final String GROUP_PREFIX = "g:";

  @JsonCreator
  public ConversationId {
    Objects.requireNonNull(value, "value");
    if (value.length() > 160 || !(value.startsWith(DIRECT_PREFIX) || value.startsWith(GROUP_PREFIX))) {
      throw new IllegalArgumentException("not a conversation id: " + value);
    }
  }

  public static ConversationId direct(AccountId a, AccountId b) {
    if (a.equals(b)) {
      throw new IllegalArgumentException("a direct conversation needs two different accounts");
    }
    var low = a.compareTo(b) < 0 ? a : b;
    var high = low == a ? b : a;
    return new ConversationId(DIRECT_PREFIX + low.value() + ":" + high.value());
  }

  public static ConversationId newGroup() {
    return new ConversationId(GROUP_PREFIX + UUID.randomUUID());
  }

  public boolean isDirect() {
    return value.startsWith(DIRECT_PREFIX);
  }

  /** The two members of a direct conversation, or empty for a group or a malformed direct id. */
  public Optional<DirectPair> directPair() {
    if (!isDirect()) {
      return Optional.empty();
    }
    var parts = value.substring(DIRECT_PREFIX.length()).split(":", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty() || parts[0].compareTo(parts[1]) >= 0) {
      return Optional.empty();
    }
    return Optional.of(new DirectPair(new AccountId(parts[0]), new AccountId(parts[1])));
  }

  /** The two members of a direct conversation, lower id first. */
  public record DirectPair(AccountId low, AccountId high) {
    public boolean contains(AccountId account) {
      return low.equals(account) || high.equals(account);
    }

    public AccountId other(AccountId account) {
      return low.equals(account) ? high : low;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
