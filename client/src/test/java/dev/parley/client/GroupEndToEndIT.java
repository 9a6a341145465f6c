package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.GroupEvent;
import dev.parley.server.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Group chats through the real SDK against a real server, on SQLite and on PostgreSQL. */
class GroupEndToEndIT {
  private static final AtomicInteger PHONES = new AtomicInteger(3000);

  @TempDir
  Path dir;

  private static String newPhone() {
    return "+1415555%04d".formatted(PHONES.incrementAndGet());
  }

  private static SendResult.SentMessage sent(CompletableFuture<SendResult> send) throws Exception {
    return send.get(20, TimeUnit.SECONDS).orThrow();
  }

  /** The user messages (not group events) a device has seen, by seq. */
  private static List<Long> userSeqs(Person person, ConversationId group) {
    return person.events.allMessages.stream()
        .filter(m -> m.conversationId().equals(group) && m.event() == null)
        .map(IncomingMessage::seq)
        .toList();
  }

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void fiftyMembersOnlineAndOfflineGetEveryMessageOnceInOrderAndReceiptsAddUp(TestServer.StoreKind store) throws Exception {
    try (var server = TestServer.start(dir, store)) {
      // given 50 members: the first 30 online, the other 20 signed in but offline
      var people = new ArrayList<Person>();
      try {
        for (int i = 0; i < 50; i++) {
          var person = Person.signIn(server.url(), server::codeFor, newPhone(), "device", b -> b.autoAck(true));
          people.add(i < 30 ? person.connected() : person);
        }
        var owner = people.getFirst();
        var conversation = owner.client.groups().create("Fifty", "a big one",
            people.stream().skip(1).map(Person::account).toList()).conversationId();

        // when five online members send 40 messages between them
        var random = new Random(7);
        var sends = new ArrayList<CompletableFuture<SendResult>>();
        var senders = new ArrayList<Person>();
        for (int i = 0; i < 40; i++) {
          var sender = people.get(random.nextInt(5));
          senders.add(sender);
          sends.add(sender.client.send(conversation, "message " + i));
        }
        var stored = new ArrayList<SendResult.SentMessage>();
        for (var send : sends) {
          stored.add(sent(send));
        }
        var userSeqs = stored.stream().map(SendResult.SentMessage::seq).sorted().toList();
        // and then the offline members connect
        for (var person : people.subList(30, 50)) {
          person.connected();
        }

        // then every device has every message it did not send itself, once, in seq order
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          for (var person : people) {
            var ownSeqs = new HashSet<Long>();
            for (int i = 0; i < stored.size(); i++) {
              if (senders.get(i) == person) {
                ownSeqs.add(stored.get(i).seq());
              }
            }
            var expected = userSeqs.stream().filter(seq -> !ownSeqs.contains(seq)).toList();
            assertThat(userSeqs(person, conversation)).as("messages seen by %s", person.account()).isEqualTo(expected);
          }
        });
        // and the group's creation reached everyone as system messages, before the messages
        for (var person : people) {
          var first = person.events.allMessages.stream().filter(m -> m.conversationId().equals(conversation)).findFirst().orElseThrow();
          assertThat(first.event()).isNotNull();
          assertThat(first.event().type()).isEqualTo(GroupEvent.Type.CREATED);
        }

        // when everyone reads up to the last message
        long last = userSeqs.getLast();
        for (var person : people) {
          person.client.markRead(conversation, last);
        }

        // then the receipts of one message add up: delivered to all 49 others, read by all 49
        var probeIndex = 0;
        var probe = stored.get(probeIndex);
        var prober = senders.get(probeIndex);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          var receipts = prober.client.groups().receipts(conversation, probe.messageId());
          assertThat(receipts.recipients()).hasSize(49);
          assertThat(receipts.deliveredTo()).extracting(d -> d.accountId()).doesNotHaveDuplicates().hasSize(49);
          assertThat(receipts.readBy()).hasSize(49);
          assertThat(receipts.deliveredToAll()).isTrue();
          assertThat(receipts.readByAll()).isTrue();
        });
        // and the sender's device heard each of them as delivered and read events
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          var deliveredOfProbe = prober.events.delivered.stream().filter(d -> d.messageId().equals(probe.messageId()))
              .map(d -> d.recipient().account()).distinct().count();
          assertThat(deliveredOfProbe).isEqualTo(49);
          var readers = prober.events.reads.stream().filter(r -> r.conversationId().equals(conversation) && r.seq() >= probe.seq())
              .map(r -> r.reader().account()).distinct().count();
          assertThat(readers).isEqualTo(49);
        });
      } finally {
        people.forEach(Person::close);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestServer.StoreKind.class)
  void membersAddedAndRemovedWhileMessagesFlowGetExactlyWhatTheyShould(TestServer.StoreKind store) throws Exception {
    try (var server = TestServer.start(dir, store)) {
      var people = new ArrayList<Person>();
      try {
        for (int i = 0; i < 16; i++) {
          people.add(Person.signIn(server.url(), server::codeFor, newPhone(), "device", b -> b.autoAck(true)).connected());
        }
        // given an owner and 9 members; 6 more people wait to be added
        var owner = people.getFirst();
        var initial = people.subList(1, 10);
        var newcomers = people.subList(10, 16);
        var group = owner.client.groups().create("Churn", "", initial.stream().map(Person::account).toList()).conversationId();

        // when the owner keeps sending while an admin adds the newcomers and removes five members
        var admin = initial.getFirst();
        owner.client.groups().promote(group, admin.account());
        var sends = new ArrayList<CompletableFuture<SendResult>>();
        for (int i = 0; i < 20; i++) {
          sent(owner.client.send(group, "before " + i));
        }
        var churn = CompletableFuture.runAsync(() -> {
          for (int i = 0; i < 6; i++) {
            admin.client.groups().addMembers(group, List.of(newcomers.get(i).account()));
            if (i < 5) {
              admin.client.groups().removeMember(group, initial.get(i + 1).account());
            }
          }
        });
        // Keep sending, ten in flight at a time, until the churn is over (bounded).
        for (int i = 0; (i < 150 || !churn.isDone()) && i < 3000; i++) {
          sends.add(owner.client.send(group, "during " + i));
          if (i % 10 == 9) {
            sent(sends.getLast());
          }
        }
        churn.get(60, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
          sends.add(owner.client.send(group, "after " + i));
        }
        for (var send : sends) {
          sent(send);
        }

        // then, from the complete history: each person has exactly the messages after it joined
        // and before it was removed, each once, in order
        var history = new ArrayList<dev.parley.protocol.rest.HistoryPage.Entry>();
        long after = 0;
        while (true) {
          var page = owner.client.history(group, HistoryQuery.after(after, 200));
          history.addAll(page.messages());
          if (!page.hasMore()) {
            break;
          }
          after = page.messages().getLast().seq();
        }
        var joinedAfter = new HashMap<AccountId, Long>();
        var removedAt = new HashMap<AccountId, Long>();
        for (var entry : history) {
          var event = entry.event();
          if (event == null) {
            continue;
          }
          switch (event.type()) {
            case MEMBERS_ADDED -> event.members().forEach(a -> joinedAfter.putIfAbsent(a, entry.seq() - 1));
            case MEMBER_REMOVED -> event.members().forEach(a -> removedAt.put(a, entry.seq()));
            default -> { }
          }
        }
        var userSeqs = history.stream().filter(e -> e.event() == null).map(e -> e.seq()).toList();
        assertThat(userSeqs).hasSize(20 + sends.size());
        // the changes really happened while messages flowed: user messages before, between and after them
        var churnSeqs = new ArrayList<>(removedAt.values());
        newcomers.forEach(n -> churnSeqs.add(joinedAfter.get(n.account()) + 1));
        assertThat(userSeqs.getFirst()).isLessThan(java.util.Collections.min(churnSeqs));
        assertThat(userSeqs.getLast()).isGreaterThan(java.util.Collections.max(churnSeqs));
        assertThat(removedAt).hasSize(5);
        assertThat(joinedAfter.keySet()).containsAll(newcomers.stream().map(Person::account).toList());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          for (var person : people.subList(1, 16)) {
            long from = joinedAfter.getOrDefault(person.account(), 0L);
            long until = removedAt.getOrDefault(person.account(), Long.MAX_VALUE);
            var expected = userSeqs.stream().filter(seq -> seq > from && seq < until).toList();
            assertThat(userSeqs(person, group)).as("messages seen by %s", person.account()).isEqualTo(expected);
          }
        });
        // and a removed member can no longer read the group's history
        var removed = initial.get(1);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ParleyApiException.class,
            () -> removed.client.history(group, HistoryQuery.latest(10))).code())
            .isEqualTo(dev.parley.protocol.ErrorCode.NOT_A_MEMBER);
        // and a newcomer's history starts where it joined
        var newcomer = newcomers.getLast();
        var newcomerHistory = newcomer.client.history(group, HistoryQuery.after(0, 200)).messages();
        assertThat(newcomerHistory.getFirst().seq()).isEqualTo(joinedAfter.get(newcomer.account()) + 1);
      } finally {
        people.forEach(Person::close);
      }
    }
  }
}
