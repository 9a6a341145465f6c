package dev.parley.server.messaging.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.MessageId;
import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {
  private static final RecentDeliveries.Queued MESSAGE = new RecentDeliveries.Queued(ConversationId.newGroup(),
      MessageId.generate(0), 7, new DeviceId(AccountId.random(), 1));

  @Test
  void holdsTheLastQueuedUpToItsCapacityAndDropsTheOldestFirst() {
    var recent = new RecentDeliveries(3);
    for (long id = 1; id <= 5; id++) {
      recent.queued(id, MESSAGE);
    }
    assertThat(recent.size()).isEqualTo(3);
    assertThat(recent.holds(1)).isFalse();
    assertThat(recent.holds(2)).isFalse();
    assertThat(recent.holds(3)).isTrue();
    assertThat(recent.holds(5)).isTrue();
  }

  @Test
  void givesEachDeliveryBackOnce() {
    var recent = new RecentDeliveries(10);
    recent.queued(1, MESSAGE);
    recent.queued(2, RecentDeliveries.NOT_A_MESSAGE);

    assertThat(recent.remove(1)).isSameAs(MESSAGE);
    assertThat(recent.remove(1)).isNull();
    assertThat(recent.remove(2)).isSameAs(RecentDeliveries.NOT_A_MESSAGE);
    assertThat(recent.size()).isZero();
  }

  @Test
  void clearForgetsEverything() {
    var recent = new RecentDeliveries(10);
    recent.queued(1, MESSAGE);
    recent.clear();
    assertThat(recent.holds(1)).isFalse();
  }

  @Test
  void capacityZeroHoldsNothing() {
    var recent = new RecentDeliveries(0);
    recent.queued(1, MESSAGE);
    assertThat(recent.holds(1)).isFalse();
    assertThatThrownBy(() -> new RecentDeliveries(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
