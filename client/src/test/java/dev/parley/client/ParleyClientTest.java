package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.parley.client.SendResult.SendRefused;
import dev.parley.client.SendResult.SentMessage;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ClientFrame;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.protocol.rest.SessionTokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's socket behaviour, against {@link FakeTransport} playing the server. */
class ParleyClientTest {
  private static final AccountId ME = AccountId.random();
  private static final AccountId FRIEND = AccountId.random();
  private static final ConversationId CHAT = ConversationId.direct(ME, FRIEND);
  private static final String ACCESS_TOKEN = "access-1";

  private final FakeTransport transport = new FakeTransport();
  private final RecordingListener listener = new RecordingListener();
  private final MemorySessionStore store = new MemorySessionStore(tokens());
  private ParleyClient client;
  private long nextDeliveryId = 1;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void authenticatesWithTheStoredAccessTokenFirst() throws Exception {
    // given
    client = newClient(false);

    // when
    client.connect();

    // then
    var socket = transport.awaitSocket();
    assertThat(socket.uri).isEqualTo(URI.create("ws://127.0.0.1:9/v1/ws"));
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Auth(ACCESS_TOKEN));
  }

  @Test
  void messageIsAckedOnlyWhenTheAppAcks() throws Exception {
    // given
    client = newClient(false);
    var socket = connectAndReady();
    socket.serverSends(message(MessageId.generate(1), 1));
    var message = listener.awaitMessage();

    // when the app has not acked yet, a read marker is the next frame: no ack went out
    client.markRead(CHAT, 1);
    assertThat(socket.awaitFrame()).isInstanceOf(ClientFrame.Read.class);
    message.ack();

    // then
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Ack(List.of(1L)));
  }

  @Test
  void duplicateMessageIsAckedButNotDelivered() throws Exception {
    // given a message the app has handled
    client = newClient(true);
    var socket = connectAndReady();
    var id = MessageId.generate(1);
    socket.serverSends(message(id, 1));
    assertThat(listener.awaitMessage().messageId()).isEqualTo(id);
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Ack(List.of(1L)));

    // when the server delivers it again, then another message
    socket.serverSends(message(id, 1));
    var next = MessageId.generate(2);
    socket.serverSends(message(next, 2));

    // then the copy is acked, and the next message the app sees is the new one
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Ack(List.of(2L)));
    assertThat(listener.awaitMessage().messageId()).isEqualTo(next);
    assertThat(listener.allMessages).extracting(IncomingMessage::messageId).containsExactly(id, next);
  }

  @Test
  void duplicateArrivingWhileTheAppIsHandlingIsAckedWithTheOriginal() throws Exception {
    // given a message the app is still handling, and a second copy of it
    client = newClient(false, Duration.ofHours(1), 2);
    var socket = connectAndReady();
    var id = MessageId.generate(1);
    socket.serverSends(message(id, 1));
    socket.serverSends(message(id, 1));
    var message = listener.awaitMessage();
    client.markRead(CHAT, 1);
    assertThat(socket.awaitFrame()).as("nothing acked yet").isInstanceOf(ClientFrame.Read.class);

    // when
    message.ack();

    // then both copies are acked together
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Ack(List.of(1L, 2L)));
  }

  @Test
  void fullAckBatchGoesOutAsOneFrame() throws Exception {
    // given acks that may wait an hour, three to a frame
    client = newClient(true, Duration.ofHours(1), 3);
    var socket = connectAndReady();

    // when
    for (int i = 1; i <= 3; i++) {
      socket.serverSends(message(MessageId.generate(i), i));
    }

    // then
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Ack(List.of(1L, 2L, 3L)));
  }

  @Test
  void sendsMadeOfflineGoOutInOrderOnceConnected() throws Exception {
    // given
    client = newClient(false);
    var first = client.send(CHAT, "one");
    var second = client.send(CHAT, "two");
    var third = client.send(CHAT, "three");

    // when
    var socket = connectAndReady();

    // then
    assertThat(List.of(
            socket.awaitFrame(ClientFrame.Send.class), socket.awaitFrame(ClientFrame.Send.class),
            socket.awaitFrame(ClientFrame.Send.class)))
        .extracting(ClientFrame.Send::payload)
        .containsExactly("one", "two", "three");
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(third).isNotDone();
  }

  @Test
  void sendCutOffBeforeSentIsResentWithTheSameClientMessageId() throws Exception {
    // given a send that went out on a socket that then dropped
    client = newClient(false);
    var socket = connectAndReady();
    var future = client.send(CHAT, "hello");
    var original = socket.awaitFrame(ClientFrame.Send.class);
    socket.drop();

    // when the client reconnects
    var again = transport.awaitSocket();
    assertThat(again.awaitFrame()).isInstanceOf(ClientFrame.Auth.class);
    again.serverSends(ready());
    var retried = again.awaitFrame(ClientFrame.Send.class);
    again.serverSends(sent(retried.clientMessageId(), 7));

    // then
    assertThat(retried).isEqualTo(original);
    var result = future.get(5, TimeUnit.SECONDS);
    assertThat(result).isInstanceOfSatisfying(SentMessage.class, sentMessage -> {
      assertThat(sentMessage.clientMessageId()).isEqualTo(original.clientMessageId());
      assertThat(sentMessage.seq()).isEqualTo(7);
    });
  }

  @Test
  void refusedSendCompletesWithTheCodeAndIsNotRetried() throws Exception {
    // given
    client = newClient(false);
    var socket = connectAndReady();
    var future = client.send(CHAT, "hello");
    var send = socket.awaitFrame(ClientFrame.Send.class);

    // when
    socket.serverSends(new ServerFrame.Error(send.clientMessageId(), ErrorCode.NOT_A_MEMBER, "not a member"));

    // then the future has the refusal
    assertThat(future.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(
        SendRefused.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.NOT_A_MEMBER));
    // and after a reconnect the first frame is the probe, not the refused send
    socket.serverCloses(1001);
    var again = transport.awaitSocket();
    again.awaitFrame(ClientFrame.Auth.class);
    again.serverSends(ready());
    client.markRead(CHAT, 3);
    assertThat(again.awaitFrame()).isInstanceOf(ClientFrame.Read.class);
  }

  @Test
  void oversizedPayloadIsRefusedWithoutARoundTrip() throws Exception {
    // given
    client = newClient(false);

    // when
    var result = client.send(CHAT, "x".repeat(64 * 1024 + 1)).get(5, TimeUnit.SECONDS);

    // then
    assertThat(result).isInstanceOfSatisfying(
        SendRefused.class, refused -> assertThat(refused.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
  }

  @Test
  void serverShutdownMakesTheClientReconnect() throws Exception {
    // given
    client = newClient(false);
    var socket = connectAndReady();

    // when
    socket.serverCloses(1001);

    // then
    listener.awaitState(ConnectionState.WAITING_TO_RECONNECT);
    var again = transport.awaitSocket();
    assertThat(again.awaitFrame()).isEqualTo(new ClientFrame.Auth(ACCESS_TOKEN));
  }

  @Test
  void removedDeviceStopsAndReportsTheSessionRevoked() throws Exception {
    // given a send waiting for an answer
    client = newClient(false);
    var socket = connectAndReady();
    var future = client.send(CHAT, "hello");
    socket.awaitFrame(ClientFrame.Send.class);

    // when
    socket.serverCloses(4403);

    // then
    assertThat(RecordingListener.await(listener.revoked, "revocation")).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
    assertThat(client.state()).isEqualTo(ConnectionState.IDLE);
    assertThat(store.load()).isEmpty();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(future).isCompletedExceptionally());
    assertThat(catchCause(future)).isInstanceOf(ParleyApiException.class);
  }

  @Test
  void replacedConnectionStopsInsteadOfReconnecting() throws Exception {
    // given
    client = newClient(false);
    var socket = connectAndReady();

    // when
    socket.serverCloses(4409);

    // then
    assertThat(RecordingListener.await(listener.replaced, "replaced")).isTrue();
    listener.awaitState(ConnectionState.IDLE);
    assertThat(client.state()).isEqualTo(ConnectionState.IDLE);
  }

  @Test
  void caughtUpCompletesAfterTheBacklogReachedTheListener() throws Exception {
    // given
    client = newClient(true);
    var socket = connectAndReady();

    // when
    socket.serverSends(message(MessageId.generate(1), 1));
    socket.serverSends(message(MessageId.generate(2), 2));
    socket.serverSends(new ServerFrame.CaughtUp(2));

    // then
    client.caughtUp().get(5, TimeUnit.SECONDS);
    assertThat(listener.allMessages).hasSize(2);
    assertThat(RecordingListener.await(listener.caughtUp, "caught-up")).isEqualTo(2L);
  }

  @Test
  void receiptIsAckedAfterTheListenerSawEachMessageAndDeviceItNames() throws Exception {
    // given
    client = newClient(false);
    var socket = connectAndReady();
    var first = MessageId.generate(1);
    var second = MessageId.generate(2);

    // when one receipt frame names two of the friend's devices and two messages
    socket.serverSends(new ServerFrame.Delivered(42, CHAT,
        List.of(new ServerFrame.DeviceRef(FRIEND, 1), new ServerFrame.DeviceRef(FRIEND, 2)),
        List.of(new ServerFrame.MessageRef(first, 5), new ServerFrame.MessageRef(second, 6)), 1_000));

    // then the listener hears of every pair, and the frame is acked once
    var receipts = new ArrayList<DeliveryReceipt>();
    for (int i = 0; i < 4; i++) {
      receipts.add(RecordingListener.await(listener.delivered, "a delivery receipt"));
    }
    assertThat(receipts).extracting(DeliveryReceipt::messageId, DeliveryReceipt::seq, r -> r.recipient().number())
        .containsExactly(tuple(first, 5L, 1), tuple(first, 5L, 2), tuple(second, 6L, 1), tuple(second, 6L, 2));
    assertThat(receipts).allSatisfy(r -> assertThat(r.recipient().account()).isEqualTo(FRIEND));
    assertThat(socket.awaitFrame()).isEqualTo(new ClientFrame.Ack(List.of(42L)));
  }

  @Test
  void closeFailsWaitingSendsButKeepsThemInTheOutbox() throws Exception {
    // given
    var outbox = new MemoryOutbox();
    client = baseBuilder(false, Duration.ofHours(1), 1).outbox(outbox).build();
    var future = client.send(CHAT, "hello");

    // when
    client.close();

    // then
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(future).isCompletedExceptionally());
    assertThat(catchCause(future)).isInstanceOf(ParleyClosedException.class);
    assertThat(outbox.pending()).extracting(OutboxEntry::payload).containsExactly("hello");
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
  }

  // ---- helpers ----

  /** Acks go out one per frame at once, so an ack is the very next frame after its cause. */
  private ParleyClient newClient(boolean autoAck) {
    return baseBuilder(autoAck, Duration.ofHours(1), 1).build();
  }

  private ParleyClient newClient(boolean autoAck, Duration ackDelay, int maxAckBatch) {
    return baseBuilder(autoAck, ackDelay, maxAckBatch).build();
  }

  private ParleyClient.Builder baseBuilder(boolean autoAck, Duration ackDelay, int maxAckBatch) {
    // Port 9 (discard): REST is never called in these tests, and a stray call fails fast.
    return ParleyClient.builder(URI.create("http://127.0.0.1:9"))
        .sessionStore(store)
        .listener(listener)
        .autoAck(autoAck)
        .transport(transport)
        .ackBatching(ackDelay, maxAckBatch)
        .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(10));
  }

  private FakeTransport.FakeSocket connectAndReady() throws InterruptedException {
    client.connect();
    var socket = transport.awaitSocket();
    assertThat(socket.awaitFrame()).isInstanceOf(ClientFrame.Auth.class);
    socket.serverSends(ready());
    listener.awaitState(ConnectionState.CONNECTED);
    return socket;
  }

  private ServerFrame.Message message(MessageId id, long seq) {
    return new ServerFrame.Message(nextDeliveryId++, id, CHAT, seq, FRIEND, 1, 1_000, "payload " + seq);
  }

  private static ServerFrame.Ready ready() {
    return new ServerFrame.Ready(ME, 1, 1_000);
  }

  private static ServerFrame.Sent sent(String clientMessageId, long seq) {
    return new ServerFrame.Sent(clientMessageId, MessageId.generate(1), CHAT, seq, 1_000);
  }

  private static SessionTokens tokens() {
    // Expires in the far future (epoch millis), so no refresh is attempted.
    return new SessionTokens(ME, 1, ACCESS_TOKEN, Long.MAX_VALUE / 2, "refresh-1", false);
  }

  private static Throwable catchCause(Future<?> future) {
    try {
      future.get(5, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
