package dev.parley.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.MessageId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
  private static final AccountId ALICE = new AccountId("0b6f3c1e-5a54-4c8e-9d1b-1f0f7e6a2b11");
  private static final AccountId BOB = new AccountId("7d2e9a40-3c1b-4f5e-8a6d-2c9b8e7f1a22");
  private static final ConversationId DIRECT = ConversationId.direct(ALICE, BOB);
  private static final MessageId MESSAGE = MessageId.generate(1_700_000_000_000L);

  private final FrameCodec codec = new FrameCodec();

  static Stream<Arguments> clientFrames() {
    return Stream.of(
        Arguments.of("auth", new ClientFrame.Auth("eyJhbGciOiJFUzI1NiJ9.e30.c2ln")),
        Arguments.of("send", new ClientFrame.Send("c-1", DIRECT, "hello \"world\" \u00e9\u4e16", null)),
        Arguments.of("send", new ClientFrame.Send("c-2", DIRECT, null, List.of(
            new ClientFrame.DevicePayload(ALICE, 2, "for alice/2"),
            new ClientFrame.DevicePayload(BOB, 1, "for bob/1")))),
        Arguments.of("ack", new ClientFrame.Ack(List.of(1L, 2L, Long.MAX_VALUE))),
        Arguments.of("read", new ClientFrame.Read(ConversationId.newGroup(), 42L)),
        Arguments.of("ping", new ClientFrame.Ping("p-1")));
  }

  static Stream<Arguments> serverFrames() {
    return Stream.of(
        Arguments.of("ready", new ServerFrame.Ready(ALICE, 3, 1_700_000_000_123L)),
        Arguments.of("sent", new ServerFrame.Sent("c-1", MESSAGE, DIRECT, 7L, 1_700_000_000_124L)),
        Arguments.of("message", new ServerFrame.Message(11L, MESSAGE, DIRECT, 7L, BOB, 1, 1_700_000_000_125L, "hi")),
        Arguments.of("delivered", new ServerFrame.Delivered(12L, DIRECT,
            List.of(new ServerFrame.DeviceRef(BOB, 1), new ServerFrame.DeviceRef(BOB, 2)),
            List.of(new ServerFrame.MessageRef(MESSAGE, 7L), new ServerFrame.MessageRef(MESSAGE, 8L)), 1_700_000_000_126L)),
        Arguments.of("read", new ServerFrame.ReadUpTo(13L, DIRECT, 7L, BOB, 2, 1_700_000_000_127L)),
        Arguments.of("caught-up", new ServerFrame.CaughtUp(250L)),
        Arguments.of("error", new ServerFrame.Error("c-9", ErrorCode.NOT_A_MEMBER, "you are not a member")),
        Arguments.of("error", new ServerFrame.Error(null, ErrorCode.DEVICES_MISMATCH, "devices changed",
            new ServerFrame.ErrorDetails(
                List.of(new ServerFrame.DeviceRef(BOB, 2)), List.of(new ServerFrame.DeviceRef(ALICE, 4)), null))),
        Arguments.of("error", new ServerFrame.Error(null, ErrorCode.RATE_LIMITED, "slow down",
            new ServerFrame.ErrorDetails(null, null, 30L))),
        Arguments.of("pong", new ServerFrame.Pong("p-1", 1_700_000_000_128L)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("clientFrames")
  void clientFrameSurvivesRoundTrip(String type, ClientFrame frame) throws Exception {
    // given
    var text = codec.encode(frame);

    // when
    var decoded = codec.decodeClient(text);

    // then
    assertThat(decoded).isEqualTo(frame);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("serverFrames")
  void serverFrameSurvivesRoundTrip(String type, ServerFrame frame) throws Exception {
    // given
    var text = codec.encode(frame);

    // when
    var decoded = codec.decodeServer(text);

    // then
    assertThat(decoded).isEqualTo(frame);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("serverFrames")
  void serverFrameAsUtf8IsTheTextEncoded(String type, ServerFrame frame) {
    assertThat(new String(codec.encodeUtf8(frame), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(codec.encode(frame));
  }

  @Test
  void emojiAndOtherTextGoOutAsTheirOwnUtf8Bytes() throws Exception {
    // given a payload with characters outside the BMP (4 UTF-8 bytes each) and inside it
    var payload = "h\u00e9llo \uD83D\uDE00 \u4F60\u597D";
    var frame = new ServerFrame.Message(1L, MESSAGE, DIRECT, 1L, ALICE, 1, 1_700_000_000_000L, payload);

    // when
    var utf8 = codec.encodeUtf8(frame);

    // then the bytes hold the characters themselves, not escaped surrogates, and decode to the same frame
    var text = new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains(payload).doesNotContain("\\u");
    assertThat(codec.decodeServer(text)).isEqualTo(frame);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientFrames")
  void clientFrameIsEncodedWithItsWireType(String type, ClientFrame frame) throws Exception {
    // when
    JsonNode json = Json.mapper().readTree(codec.encode(frame));

    // then
    assertThat(json.path("type").asText()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverFrames")
  void serverFrameIsEncodedWithItsWireType(String type, ServerFrame frame) throws Exception {
    // when
    JsonNode json = Json.mapper().readTree(codec.encode(frame));

    // then
    assertThat(json.path("type").asText()).isEqualTo(type);
  }

  @Test
  void roundTripCasesCoverEveryClientFrameType() {
    // given
    List<Class<?>> covered = clientFrames().<Class<?>>map(arguments -> arguments.get()[1].getClass()).distinct().toList();

    // then
    assertThat(covered).containsExactlyInAnyOrderElementsOf(concreteFrameTypes(ClientFrame.class));
  }

  @Test
  void roundTripCasesCoverEveryServerFrameType() {
    // given
    List<Class<?>> covered = serverFrames().<Class<?>>map(arguments -> arguments.get()[1].getClass()).distinct().toList();

    // then
    assertThat(covered).containsExactlyInAnyOrderElementsOf(concreteFrameTypes(ServerFrame.class));
  }

  @Test
  void nullFieldsAreLeftOutOfTheEncoding() throws Exception {
    // given
    var frame = new ClientFrame.Send("c-1", DIRECT, "text", null);

    // when
    JsonNode json = Json.mapper().readTree(codec.encode(frame));

    // then
    assertThat(json.has("payloads")).isFalse();
  }

  @Test
  void errorCodeIsEncodedAsItsWireName() throws Exception {
    // given
    var frame = new ServerFrame.Error(null, ErrorCode.TOO_MANY_ATTEMPTS, "too many");

    // when
    JsonNode json = Json.mapper().readTree(codec.encode(frame));

    // then
    assertThat(json.path("code").asText()).isEqualTo("too_many_attempts");
  }

  @Test
  void unknownFieldsAreIgnoredSoNewerPeersCanAddThem() throws Exception {
    // when
    var frame = codec.decodeClient("{\"type\":\"ping\",\"id\":\"p-1\",\"addedInV2\":{\"x\":1}}");

    // then
    assertThat(frame).isEqualTo(new ClientFrame.Ping("p-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"type\":\"ping\"", "not json", "{'type':'ping'}", "{\"type\":\"ping\"} x", "{\"type\" \"ping\"}"})
  void malformedJsonIsRefusedAsMalformedJson(String text) {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient(text))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON));
  }

  @Test
  void unknownTypeIsRefusedAsUnknownFrameNamingTheType() {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient("{\"type\":\"teleport\",\"to\":\"mars\"}"))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FRAME))
        .withMessageContaining("teleport");
  }

  @Test
  void serverOnlyTypeIsRefusedFromAClientAsUnknownFrame() {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient("{\"type\":\"caught-up\",\"delivered\":1}"))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FRAME));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":\"p-1\"}", "{}", "{\"type\":null,\"id\":\"p-1\"}"})
  void frameWithoutTypeIsRefusedAsUnknownFrame(String text) {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient(text))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FRAME))
        .withMessageContaining("type");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"read\",\"conversationId\":\"d:a:b\",\"seq\":\"abc\"}",
      "{\"type\":\"read\",\"conversationId\":\"d:a:b\",\"seq\":null}",
      "{\"type\":\"read\",\"conversationId\":\"d:a:b\"}",
      "{\"type\":\"read\",\"conversationId\":\"x:not-a-conversation\",\"seq\":1}",
      "{\"type\":\"read\",\"conversationId\":[],\"seq\":1}",
      "{\"type\":\"ack\",\"deliveryIds\":\"1,2\"}",
      "{\"type\":\"ack\",\"deliveryIds\":[\"one\"]}",
      "{\"type\":\"auth\",\"token\":{\"jwt\":\"x\"}}",
      "{\"type\":\"send\",\"clientMessageId\":\"c\",\"conversationId\":\"d:a:b\",\"payloads\":{}}",
      "{\"type\":\"send\",\"clientMessageId\":\"c\",\"conversationId\":\"d:a:b\",\"payloads\":[{\"accountId\":\"a\",\"deviceId\":\"two\"}]}"})
  void wrongFieldTypesAreRefusedAsInvalidFrame(String text) {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient(text))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRAME));
  }

  @Test
  void wrongFieldTypeInServerFrameIsRefusedAsInvalidFrame() {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeServer("{\"type\":\"caught-up\",\"delivered\":\"many\"}"))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRAME));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", " null ", "[]", "[{\"type\":\"ping\",\"id\":\"p-1\"}]", "[\"ping\",{\"id\":\"p-1\"}]",
      "\"ping\"", "42", "true", "", "   "})
  void inputThatIsNotAJsonObjectIsRefusedAsInvalidFrame(String text) {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient(text))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRAME));
  }

  @Test
  void arrayIsRefusedAsServerFrameToo() {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeServer("[\"pong\",{\"id\":\"p\",\"serverTime\":1}]"))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FRAME));
  }

  @Test
  void secondJsonValueAfterTheFrameIsRefused() {
    assertThatExceptionOfType(FrameDecodeException.class)
        .isThrownBy(() -> codec.decodeClient("{\"type\":\"ping\",\"id\":\"a\"} {\"type\":\"ping\",\"id\":\"b\"}"))
        .satisfies(e -> assertThat(e.code()).isIn(ErrorCode.INVALID_FRAME, ErrorCode.MALFORMED_JSON));
  }

  private static List<Class<?>> concreteFrameTypes(Class<?> sealedType) {
    return Arrays.stream(sealedType.getPermittedSubclasses())
        .flatMap(type -> type.isSealed() ? concreteFrameTypes(type).stream() : Stream.of(type))
        .toList();
  }
}
