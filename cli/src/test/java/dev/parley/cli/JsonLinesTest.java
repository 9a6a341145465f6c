package dev.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The --json shapes are API (docs/cli.md): field names and order are pinned here. */
class JsonLinesTest {
  private static String print(Object value) {
    var bytes = new ByteArrayOutputStream();
    JsonLines.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), value);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void messageIsOneLineInProtocolOrder() {
    var line = print(new JsonLines.Message("message", "d:a:b", "m1", 3, "a", 1, 1790000000000L, "hi\nthere"));

    assertThat(line).isEqualTo("{\"type\":\"message\",\"conversationId\":\"d:a:b\",\"messageId\":\"m1\",\"seq\":3,"
        + "\"senderAccountId\":\"a\",\"senderDeviceId\":1,\"serverTime\":1790000000000,\"payload\":\"hi\\nthere\"}\n");
  }

  @Test
  void receiptsCarryTheirType() {
    assertThat(print(new JsonLines.Delivered("delivered", "d:a:b", "m1", 3, "b", 2, 5L)))
        .isEqualTo("{\"type\":\"delivered\",\"conversationId\":\"d:a:b\",\"messageId\":\"m1\",\"seq\":3,\"accountId\":\"b\",\"deviceId\":2,\"serverTime\":5}\n");
    assertThat(print(new JsonLines.Read("read", "d:a:b", 3, "b", 2, 6L)))
        .isEqualTo("{\"type\":\"read\",\"conversationId\":\"d:a:b\",\"seq\":3,\"accountId\":\"b\",\"deviceId\":2,\"serverTime\":6}\n");
  }
}
