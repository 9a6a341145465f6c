package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.SendResult.SentMessage;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Messaging through the real SDK against a real server on a random port. */
class MessagingEndToEndIT {
  private static final AtomicInteger PHONES = new AtomicInteger(2000);

  @TempDir
  Path dir;

  private static String newPhone() {
    return "+1415555%04d".formatted(PHONES.incrementAndGet());
  }

  private static SentMessage sent(CompletableFuture<SendResult> send) throws Exception {
    return send.get(10, TimeUnit.SECONDS).orThrow();
  }

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void twoAccountsWithTwoDevicesEachReachEveryDeviceAndReceiptsFlowBack(TestServer.StoreKind store) throws Exception {
    try (var server = TestServer.start(dir, store)) {
      // given
      var alicePhone = newPhone();
      var bobPhone = newPhone();
      try (var alice1 = Person.signIn(server, alicePhone, "alice phone").connected();
          var alice2 = Person.signIn(server, alicePhone, "alice laptop").connected();
          var bob1 = Person.signIn(server, bobPhone, "bob phone").connected();
          var bob2 = Person.signIn(server, bobPhone, "bob laptop").connected()) {
        var conversation = alice1.client.directConversationWith(bob1.account());

        // when alice's phone sends
        var hello = sent(alice1.client.send(conversation, "hi bob"));

        // then both of bob's devices get it, and alice's laptop gets a copy
        for (var recipient : List.of(bob1, bob2, alice2)) {
          var message = recipient.events.awaitMessage();
          assertThat(message.messageId()).isEqualTo(hello.messageId());
          assertThat(message.payload()).isEqualTo("hi bob");
          assertThat(message.seq()).isEqualTo(1);
          assertThat(message.sender()).isEqualTo(alice1.device());
          message.ack();
        }
        // and each of bob's devices acking reaches both of alice's devices as delivered
        for (var sender : List.of(alice1, alice2)) {
          var receipts = List.of(sender.events.awaitDelivered(), sender.events.awaitDelivered());
          assertThat(receipts).extracting(DeliveryReceipt::recipient).containsExactlyInAnyOrder(bob1.device(), bob2.device());
          assertThat(receipts).extracting(DeliveryReceipt::messageId).containsOnly(hello.messageId());
        }

        // when bob reads on his phone
        bob1.client.markRead(conversation, hello.seq());

        // then alice's devices and bob's laptop hear of it
        for (var told : List.of(alice1, alice2, bob2)) {
          var read = told.events.awaitRead();
          assertThat(read.seq()).isEqualTo(hello.seq());
          assertThat(read.reader()).isEqualTo(bob1.device());
        }

        // when bob answers from his laptop
        var reply = sent(bob2.client.send(conversation, "hi alice"));

        // then both of alice's devices get it, bob's phone gets a copy, in seq order
        assertThat(reply.seq()).isEqualTo(2);
        for (var recipient : List.of(alice1, alice2, bob1)) {
          var message = recipient.events.awaitMessage();
          assertThat(message.payload()).isEqualTo("hi alice");
          assertThat(message.sender()).isEqualTo(bob2.device());
          message.ack();
        }
        assertThat(alice1.client.history(conversation, HistoryQuery.latest(10)).messages())
            .extracting(e -> e.payload()).containsExactly("hi bob", "hi alice");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
          for (var person : List.of(alice1, alice2, bob1, bob2)) {
            assertThat(server.server().messageStore().pendingCount(person.device())).isZero();
          }
        });
      }
    }
  }

  @Test
  void offlineRecipientGetsAThousandMessagesOnceInOrderAndNothingIsLeftQueued() throws Exception {
    try (var server = TestServer.start(dir, TestServer.StoreKind.SQLITE)) {
      // given bob has signed in but is offline
      var bobPhone = newPhone();
      var bobSession = Person.signIn(server, bobPhone, "bob phone");
      bobSession.close();
      try (var alice = Person.signIn(server, newPhone(), "alice").connected()) {
        var conversation = alice.client.directConversationWith(bobSession.account());

        // when alice sends 1000 messages and all are stored
        var sends = new ArrayList<CompletableFuture<SendResult>>();
        for (int i = 0; i < 1000; i++) {
          sends.add(alice.client.send(conversation, "message " + i));
        }
        for (var send : sends) {
          sent(send);
        }
        assertThat(server.server().messageStore().pendingCount(bobSession.device())).isEqualTo(1000);

        // then bob, connecting, gets all 1000 once, in order, then caught-up
        try (var bob = Person.resume(server.url(), bobSession.session(), b -> b.autoAck(true))) {
          bob.client.connect();
          bob.client.caughtUp().get(60, TimeUnit.SECONDS);
          assertThat(bob.events.allMessages).hasSize(1000);
          assertThat(bob.events.allMessages).extracting(IncomingMessage::seq)
              .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 1000).boxed().toList());
          assertThat(bob.events.allMessages).extracting(IncomingMessage::payload)
              .startsWith("message 0", "message 1").endsWith("message 999");
          assertThat(new HashSet<>(bob.events.allMessages.stream().map(IncomingMessage::messageId).toList())).hasSize(1000);
          await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
              assertThat(server.server().messageStore().pendingCount(bobSession.device())).isZero());
        }
      }
    }
  }

  @Test
  void aSenderThatLosesItsConnectionBeforeSentAndRetriesStoresNothingTwice() throws Exception {
    try (var server = TestServer.start(dir, TestServer.StoreKind.SQLITE)) {
      // given alice's transport drops the socket right after her next send frame goes out
      var transport = new FaultyTransport(new dev.parley.client.internal.JdkWebSocketTransport(
          java.net.http.HttpClient.newHttpClient(), Duration.ofSeconds(5)));
      try (var bob = Person.signIn(server, newPhone(), "bob").connected();
          var alice = Person.signIn(server.url(), server::codeFor, newPhone(), "alice",
              b -> b.transport(transport).reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200))).connected()) {
        var conversation = alice.client.directConversationWith(bob.account());
        transport.dropAfterNextSends(1);

        // when
        var result = sent(alice.client.send(conversation, "only once"));

        // then the send was cut off once, retried, and stored once
        assertThat(transport.drops()).isEqualTo(1);
        assertThat(result.seq()).isEqualTo(1);
        var message = bob.events.awaitMessage();
        assertThat(message.messageId()).isEqualTo(result.messageId());
        message.ack();
        var next = sent(alice.client.send(conversation, "second"));
        assertThat(next.seq()).isEqualTo(2);
        assertThat(bob.events.awaitMessage().payload()).isEqualTo("second");
        assertThat(server.server().messageStore().history(conversation, bob.device(), null, null, 10, 0).messages())
            .extracting(e -> e.payload()).containsExactly("only once", "second");
      }
    }
  }

  @Test
  void sendsMadeWhileOfflineGoOutOnConnectInOrder() throws Exception {
    try (var server = TestServer.start(dir, TestServer.StoreKind.SQLITE)) {
      try (var bob = Person.signIn(server, newPhone(), "bob").connected();
          var alice = Person.signIn(server, newPhone(), "alice")) {
        var conversation = alice.client.directConversationWith(bob.account());
        // when alice sends before connecting
        var first = alice.client.send(conversation, "written offline 1");
        var second = alice.client.send(conversation, "written offline 2");
        assertThat(first).isNotDone();
        alice.client.connect();
        // then
        assertThat(sent(first).seq()).isEqualTo(1);
        assertThat(sent(second).seq()).isEqualTo(2);
        assertThat(bob.events.awaitMessage().payload()).isEqualTo("written offline 1");
        assertThat(bob.events.awaitMessage().payload()).isEqualTo("written offline 2");
      }
    }
  }

  @Test
  void removingADeviceClosesItsSocketAndRevokesItsSession() throws Exception {
    try (var server = TestServer.start(dir, TestServer.StoreKind.SQLITE)) {
      var phone = newPhone();
      try (var phoneDevice = Person.signIn(server, phone, "phone").connected();
          var laptop = Person.signIn(server, phone, "laptop").connected()) {
        var laptopDevice = laptop.device();
        // when the phone removes the laptop
        phoneDevice.client.accounts().removeDevice(laptopDevice.number());
        // then the laptop is told its session is over and the server forgets the device
        assertThat(RecordingListener.await(laptop.events.revoked, "session revoked")).isNotNull();
        assertThat(phoneDevice.client.accounts().devices().devices()).extracting(d -> d.deviceId()).containsExactly(1);
        assertThat(laptop.client.session()).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.server().sockets().isConnected(laptopDevice));
      }
    }
  }
}
