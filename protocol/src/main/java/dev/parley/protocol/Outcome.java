package dev.parley.protocol;

import dev.parley.protocol.frame.ServerFrame.ErrorDetails;
import java.util.Objects;
import java.util.function.Function;

/**
 * The answer to a request that may be refused for a reason the caller must handle: a value, or a
 * refusal with its error code, a message for people and optional machine-readable details.
 * Exceptions stay for bugs and broken infrastructure.
 */
public sealed interface Outcome<T> {

  record Ok<T>(T value) implements Outcome<T> {
    public Ok {
      Objects.requireNonNull(value, "value");
    }
  }

  record Refused<T>(ErrorCode code, String message, ErrorDetails details) implements Outcome<T> {
    public Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    /** The same refusal, typed for another outcome. */
    @SuppressWarnings("unchecked")
    public <U> Refused<U> cast() {
      return (Refused<U>) this;
    }
  }

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> refused(ErrorCode code, String message) {
    return new Refused<>(code, message, null);
  }

  static <T> Outcome<T> refused(ErrorCode code, String message, ErrorDetails details) {
    return new Refused<>(code, message, details);
  }

  default <U> Outcome<U> map(Function<? super T, ? extends U> mapper) {
    return switch (this) {
      case Ok<T>(var value) -> new Ok<>(mapper.apply(value));
      case Refused<T> refused -> refused.cast();
    };
  }

  default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> mapper) {
    return switch (this) {
      case Ok<T>(var value) -> mapper.apply(value);
      case Refused<T> refused -> refused.cast();
    };
  }
}
