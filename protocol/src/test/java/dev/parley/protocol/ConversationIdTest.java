package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationIdTest {
  private static final AccountId LOW = new AccountId("1111aaaa-0000-4000-8000-000000000001");
  private static final AccountId HIGH = new AccountId("9999ffff-0000-4000-8000-000000000002");

  @Test
  void directIdIsTheSameWhicheverSideNamesIt() {
    // when
    var fromLow = ConversationId.direct(LOW, HIGH);
    var fromHigh = ConversationId.direct(HIGH, LOW);

    // then
    assertThat(fromLow).isEqualTo(fromHigh);
    assertThat(fromLow.value()).isEqualTo("d:" + LOW.value() + ":" + HIGH.value());
  }

  @Test
  void directIdRefusesTheSameAccountTwice() {
    assertThatIllegalArgumentException().isThrownBy(() -> ConversationId.direct(LOW, new AccountId(LOW.value())));
  }

  @Test
  void directIdParsesBackToItsMembersLowerFirst() {
    // given
    var id = ConversationId.direct(HIGH, LOW);

    // when
    var pair = id.directPair();

    // then
    assertThat(id.isDirect()).isTrue();
    assertThat(pair).contains(new ConversationId.DirectPair(LOW, HIGH));
  }

  @Test
  void directPairKnowsItsMembersAndTheOtherSide() {
    // given
    var pair = ConversationId.direct(LOW, HIGH).directPair().orElseThrow();

    // then
    assertThat(pair.contains(LOW)).isTrue();
    assertThat(pair.contains(HIGH)).isTrue();
    assertThat(pair.contains(new AccountId("someone-else"))).isFalse();
    assertThat(pair.other(LOW)).isEqualTo(HIGH);
    assertThat(pair.other(HIGH)).isEqualTo(LOW);
  }

  @Test
  void groupIdIsNotDirectAndHasNoPair() {
    // given
    var group = ConversationId.newGroup();

    // then
    assertThat(group.value()).startsWith("g:");
    assertThat(group.isDirect()).isFalse();
    assertThat(group.directPair()).isEmpty();
  }

  @Test
  void newGroupIdsAreUnique() {
    assertThat(ConversationId.newGroup()).isNotEqualTo(ConversationId.newGroup());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "d:", "d:alice", "d:alice:", "d::bob", "d:alice:bob:carol", "d:bob:alice", "d:alice:alice", "d::"})
  void directPairIsEmptyForMalformedOrUnsortedIds(String value) {
    // given
    var id = new ConversationId(value);

    // then
    assertThat(id.isDirect()).isTrue();
    assertThat(id.directPair()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "x:1", "alice:bob", "D:alice:bob", "group"})
  void constructorRefusesIdsWithoutAKnownPrefix(String value) {
    assertThatIllegalArgumentException().isThrownBy(() -> new ConversationId(value));
  }

  @Test
  void constructorRefusesOverlongIds() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ConversationId("g:" + "x".repeat(159)));
  }
}
