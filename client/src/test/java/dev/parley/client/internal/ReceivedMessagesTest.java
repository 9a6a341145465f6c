package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.internal.ReceivedMessages.Verdict;
import dev.parley.protocol.MessageId;
import org.junit.jupiter.api.Test;

class ReceivedMessagesTest {
  private final MessageId first = MessageId.generate(1);
  private final MessageId second = MessageId.generate(2);

  @Test
  void firstCopyIsNew() {
    // given
    var received = new ReceivedMessages(10);

    // when / then
    assertThat(received.arrived(first, 1)).isEqualTo(Verdict.NEW);
  }

  @Test
  void duplicateOfAHandledMessageIsAckedAtOnce() {
    // given
    var received = new ReceivedMessages(10);
    received.arrived(first, 1);
    assertThat(received.handled(first)).containsExactly(1L);

    // when / then
    assertThat(received.arrived(first, 2)).isEqualTo(Verdict.ACK_NOW);
  }

  @Test
  void duplicateWhileTheAppIsHandlingIsAckedWithTheOriginal() {
    // given
    var received = new ReceivedMessages(10);
    received.arrived(first, 1);

    // when
    var verdict = received.arrived(first, 2);

    // then
    assertThat(verdict).isEqualTo(Verdict.ACK_WITH_ORIGINAL);
    assertThat(received.handled(first)).containsExactly(1L, 2L);
  }

  @Test
  void secondAckOfTheSameMessageAcksNothing() {
    // given
    var received = new ReceivedMessages(10);
    received.arrived(first, 1);
    received.handled(first);

    // when / then
    assertThat(received.handled(first)).isEmpty();
  }

  @Test
  void deliveryIdsOfALostConnectionAreNotAcked() {
    // given a message still being handled when its socket dropped, then redelivered
    var received = new ReceivedMessages(10);
    received.arrived(first, 1);
    received.connectionLost();
    assertThat(received.arrived(first, 7)).isEqualTo(Verdict.ACK_WITH_ORIGINAL);

    // when
    var toAck = received.handled(first);

    // then only the new socket's delivery id is acked
    assertThat(toAck).containsExactly(7L);
  }

  @Test
  void oldestIdIsForgottenBeyondCapacity() {
    // given
    var received = new ReceivedMessages(1);
    received.arrived(first, 1);

    // when
    received.arrived(second, 2);

    // then
    assertThat(received.isKnown(first)).isFalse();
    assertThat(received.arrived(first, 3)).isEqualTo(Verdict.NEW);
  }
}
