package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryOutboxTest {
  private static final ConversationId CHAT = ConversationId.direct(AccountId.random(), AccountId.random());

  @Test
  void pendingEntriesKeepTheOrderTheyWereAddedIn() {
    // given
    var outbox = new MemoryOutbox();

    // when
    outbox.add(entry("c", "third... added first"));
    outbox.add(entry("a", "second"));
    outbox.add(entry("b", "third"));

    // then
    assertThat(outbox.pending()).extracting(OutboxEntry::clientMessageId).containsExactly("c", "a", "b");
  }

  @Test
  void removingOneEntryKeepsTheOthersInOrder() {
    // given
    var outbox = new MemoryOutbox();
    outbox.add(entry("a", "1"));
    outbox.add(entry("b", "2"));
    outbox.add(entry("c", "3"));

    // when
    outbox.remove("b");

    // then
    assertThat(outbox.pending()).extracting(OutboxEntry::clientMessageId).containsExactly("a", "c");
  }

  @Test
  void addingTheSameClientMessageIdAgainKeepsTheFirstEntryAndItsPlace() {
    // given
    var outbox = new MemoryOutbox();
    outbox.add(entry("a", "original"));
    outbox.add(entry("b", "other"));

    // when
    outbox.add(entry("a", "retry"));

    // then
    assertThat(outbox.pending()).extracting(OutboxEntry::payload).containsExactly("original", "other");
  }

  private static OutboxEntry entry(String clientMessageId, String payload) {
    return new OutboxEntry(clientMessageId, CHAT, payload, null, Instant.EPOCH);
  }
}
