package dev.parley.bench.jmh;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.FrameCodec;
import dev.parley.protocol.frame.FrameDecodeException;
import dev.parley.protocol.frame.ServerFrame;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The frame codec on the hot path of every message: the server decodes a {@code send} and an
 * {@code ack} and encodes a {@code message}, a {@code sent} and a {@code delivered} per message.
 * Run: {@code java -cp bench/target/parley-bench.jar:bench/target/lib/* org.openjdk.jmh.Main FrameCodec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
  private final FrameCodec codec = new FrameCodec();
  private String sendText;
  private String ackText;
  private ServerFrame.Message message;
  private ServerFrame.Sent sent;

  @Setup
  public void setUp() {
    var alice = AccountId.random();
    var bob = AccountId.random();
    var conversation = ConversationId.direct(alice, bob);
    var payload = "x".repeat(64);
    sendText = codec.encode(new ClientFrame.Send("7f0c2a1e-5d4b-4c3a-9b8a-1234567890ab", conversation, payload, null));
    ackText = codec.encode(new ClientFrame.Ack(List.of(1042L, 1043L, 1044L, 1045L)));
    var messageId = MessageId.generate(System.currentTimeMillis());
    message = new ServerFrame.Message(1042, messageId, conversation, 42, alice, 1, System.currentTimeMillis(), payload, null);
    sent = new ServerFrame.Sent("7f0c2a1e-5d4b-4c3a-9b8a-1234567890ab", messageId, conversation, 42, System.currentTimeMillis());
  }

  @Benchmark
  public ClientFrame decodeSend() throws FrameDecodeException {
    return codec.decodeClient(sendText);
  }

  @Benchmark
  public ClientFrame decodeAck() throws FrameDecodeException {
    return codec.decodeClient(ackText);
  }

  @Benchmark
  public String encodeMessage() {
    return codec.encode(message);
  }

  /** What the server's sockets send: the frame straight to UTF-8 bytes. */
  @Benchmark
  public byte[] encodeMessageUtf8() {
    return codec.encodeUtf8(message);
  }

  /** What the server's sockets did before: the frame as a String, then that String into a direct buffer as UTF-8. */
  @Benchmark
  public int encodeMessageViaString() {
    var buffer = io.netty.buffer.ByteBufUtil.writeUtf8(io.netty.buffer.ByteBufAllocator.DEFAULT, codec.encode(message));
    int size = buffer.readableBytes();
    buffer.release();
    return size;
  }

  /** What the server's sockets do now: UTF-8 bytes, copied into a direct buffer. */
  @Benchmark
  public int encodeMessageUtf8ToBuffer() {
    var utf8 = codec.encodeUtf8(message);
    var buffer = io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(utf8.length).writeBytes(utf8);
    int size = buffer.readableBytes();
    buffer.release();
    return size;
  }

  @Benchmark
  public String encodeSent() {
    return codec.encode(sent);
  }
}
