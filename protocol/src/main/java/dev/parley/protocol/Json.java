package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
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
      // Written straight to UTF-8 (FrameCodec.encodeUtf8), an emoji is its 4 bytes, not a 12-byte
      // pair of escaped surrogates (Jackson's default), as it is when written to a String.
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private Json() {}

  /** The shared, thread-safe mapper. Do not reconfigure it; use {@code rebuild()} for a variant. */
  public static JsonMapper mapper() {
    return MAPPER;
  }
}
