package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON settings of the wire protocol, shared by server, SDK and tools. */
public final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      // Newer peers may add fields; ignoring them keeps old clients working.
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private Json() {}

  /** The shared, thread-safe mapper. Do not reconfigure it; use {@code rebuild()} for a variant. */
  public static JsonMapper mapper() {
    return MAPPER;
  }
}
