package dev.parley.server.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import dev.parley.protocol.frame.ServerFrame.DeviceRef;
import dev.parley.protocol.frame.ServerFrame.MessageRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiptMergerTest {
  private final DeviceId alicePhone = new DeviceId(new AccountId("a-alice"), 1);
  private final DeviceId aliceLaptop = new DeviceId(alicePhone.account(), 2);
  private final DeviceId bob = new DeviceId(new AccountId("b-bob"), 1);
  private final DeviceId carol = new DeviceId(new AccountId("c-carol"), 1);
  private final DeviceId carolTablet = new DeviceId(carol.account(), 2);
  private final ConversationId group = ConversationId.newGroup();
  private final Routing routing = new Routing();
  private final ReceiptMerger merger = new ReceiptMerger();

  @Test
  void oneDeviceAckingSeveralMessagesGivesEachSenderDeviceOneReceiptInSeqOrder() {
    // given bob acks alice's messages 3, 1, 2
    var one = message(1);
    var two = message(2);
    var three = message(3);
    // when
    merger.add(acked(bob, three), routing);
    merger.add(acked(bob, one), routing);
    merger.add(acked(bob, two), routing);
    // then
    assertThat(merger.drain()).containsExactly(
        receipt(alicePhone, List.of(ref(bob)), List.of(one, two, three)),
        receipt(aliceLaptop, List.of(ref(bob)), List.of(one, two, three)));
    assertThat(merger.isEmpty()).isTrue();
  }

  @Test
  void manyDevicesAckingOneMessageShareOneReceipt() {
    // given
    var message = message(7);
    // when
    merger.add(acked(carolTablet, message), routing);
    merger.add(acked(bob, message), routing);
    merger.add(acked(carol, message), routing);
    // then the devices come in a stable order
    assertThat(merger.drain()).containsExactly(
        receipt(alicePhone, List.of(ref(bob), ref(carol), ref(carolTablet)), List.of(message)),
        receipt(aliceLaptop, List.of(ref(bob), ref(carol), ref(carolTablet)), List.of(message)));
  }

  @Test
  void messagesAckedByDifferentDevicesGetReceiptsOfTheirOwn() {
    // given bob has both messages, carol only the first
    var first = message(1);
    var second = message(2);
    merger.add(acked(bob, first), routing);
    merger.add(acked(carol, first), routing);
    merger.add(acked(bob, second), routing);
    // when
    var receipts = merger.drain().stream().filter(r -> r.target().equals(alicePhone)).toList();
    // then
    assertThat(receipts).containsExactly(
        receipt(alicePhone, List.of(ref(bob), ref(carol)), List.of(first)),
        receipt(alicePhone, List.of(ref(bob)), List.of(second)));
  }

  @Test
  void eachSenderAndConversationHasItsOwnReceipts() {
    // given a message of alice's and one of bob's, in the group, and one of alice's elsewhere
    var fromAlice = message(1);
    var fromBob = new MessageRef(MessageId.generate(2), 2);
    var elsewhere = ConversationId.newGroup();
    merger.add(acked(carol, fromAlice), routing);
    merger.add(new AckedMessage(carol, group, fromBob.messageId(), fromBob.seq(), bob), routing);
    merger.add(new AckedMessage(carol, elsewhere, fromAlice.messageId(), 1, alicePhone), routing);
    // when
    var receipts = merger.drain();
    // then
    assertThat(receipts).extracting(ReceiptMerger.Receipt::target, ReceiptMerger.Receipt::conversationId)
        .containsExactly(
            tuple(alicePhone, group), tuple(aliceLaptop, group),
            tuple(bob, group),
            tuple(alicePhone, elsewhere), tuple(aliceLaptop, elsewhere));
    assertThat(routing.asked).hasSize(3);
  }

  @Test
  void ownCopiesThatNobodyIsToldOfAreLeftOut() {
    // given bob acks alice's message, and alice's laptop the copy of what her phone sent
    var message = message(1);
    merger.add(acked(aliceLaptop, message), routing);
    assertThat(merger.isEmpty()).isTrue();
    merger.add(acked(bob, message), routing);
    merger.add(acked(aliceLaptop, message), routing);
    // then only bob's ack is in alice's receipts
    assertThat(merger.drain()).extracting(ReceiptMerger.Receipt::devices).containsOnly(List.of(ref(bob)));
  }

  @Test
  void clearForgetsWhatARolledBackTransactionAdded() {
    // given
    merger.add(acked(bob, message(1)), routing);
    // when
    merger.clear();
    // then
    assertThat(merger.drain()).isEmpty();
  }

  private MessageRef message(long seq) {
    return new MessageRef(MessageId.generate(seq), seq);
  }

  private AckedMessage acked(DeviceId recipient, MessageRef message) {
    return new AckedMessage(recipient, group, message.messageId(), message.seq(), alicePhone);
  }

  private static DeviceRef ref(DeviceId device) {
    return new DeviceRef(device.account(), device.number());
  }

  private ReceiptMerger.Receipt receipt(DeviceId target, List<DeviceRef> devices, List<MessageRef> messages) {
    return new ReceiptMerger.Receipt(target, group, devices, messages, routing);
  }

  /** Tells every device of the sender's account, except when the recipient is of that account. */
  private final class Routing implements ReceiptRouting {
    final List<AckedMessage> asked = new ArrayList<>();

    @Override
    public List<DeviceId> targets(AckedMessage acked) {
      asked.add(acked);
      if (acked.recipient().account().equals(acked.sender().account())) {
        return List.of();
      }
      return acked.sender().account().equals(alicePhone.account()) ? List.of(alicePhone, aliceLaptop) : List.of(acked.sender());
    }

    @Override
    public void route(List<Addressed> receipts) {
      throw new AssertionError("the merger never routes");
    }
  }
}
