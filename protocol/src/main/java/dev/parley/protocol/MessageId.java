package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Objects;
import java.util.UUID;

/**
 * A message, by a UUIDv7: unique without coordination between nodes, and time-ordered so that
 * database indexes on it stay append-mostly.
 */
public record MessageId(@JsonValue String value) {

  @JsonCreator
  public MessageId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty() || value.length() > 64) {
      throw new IllegalArgumentException("message id must be 1..64 characters");
    }
  }

  /**
   * A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, version, 74 random bits. The random bits
   * make ids unique, not secret (nothing is authorised by knowing a message id), so they come from a
   * fast thread-local generator rather than the contended SecureRandom: one id per message sent.
   */
  public static MessageId generate(long epochMillis) {
    var randomBits = new byte[10];
    ThreadLocalRandom.current().nextBytes(randomBits);
    long high = (epochMillis << 16) | 0x7000L | ((randomBits[0] & 0x0FL) << 8) | (randomBits[1] & 0xFFL);
    long low = 0x8000000000000000L;
    for (int i = 2; i < 10; i++) {
      low |= (randomBits[i] & 0xFFL) << ((9 - i) * 8);
    }
    low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new MessageId(new UUID(high, low).toString());
  }

  @Override
  public String toString() {
    return value;
  }
}
