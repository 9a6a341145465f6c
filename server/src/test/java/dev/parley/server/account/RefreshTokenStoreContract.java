package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.server.account.RefreshTokenStore.RefreshToken;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RefreshTokenStore} must have. Each implementation gets a small class that
 * implements {@link #store()}; tests use fresh ids, so they can share one database.
 */
public interface RefreshTokenStoreContract {

  RefreshTokenStore store();

  private static String freshFamily() {
    return "family-" + UUID.randomUUID();
  }

  private static DeviceId freshDevice() {
    return new DeviceId(AccountId.random(), 1);
  }

  private static RefreshToken token(String family, DeviceId device) {
    return new RefreshToken("hash-" + UUID.randomUUID(), family, device, 10_000L, null, null);
  }

  private RefreshToken inserted(String family, DeviceId device) {
    var token = token(family, device);
    store().insert(token);
    return token;
  }

  @Test
  default void insertedTokenIsFound() {
    // given
    var token = token(freshFamily(), new DeviceId(AccountId.random(), 3));
    // when
    store().insert(token);
    // then
    assertThat(store().find(token.tokenHash())).contains(token);
  }

  @Test
  default void unknownTokenIsNotFoundAndCannotBeSpent() {
    // given
    var unknown = "hash-" + UUID.randomUUID();
    // when
    var spent = store().spend(unknown, 1_000L);
    // then
    assertThat(spent).isFalse();
    assertThat(store().find(unknown)).isEmpty();
  }

  @Test
  default void tokenCanBeSpentOnlyOnce() {
    // given
    var token = inserted(freshFamily(), freshDevice());
    // when
    var first = store().spend(token.tokenHash(), 1_000L);
    var second = store().spend(token.tokenHash(), 2_000L);
    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store().find(token.tokenHash())).hasValueSatisfying(found -> {
      assertThat(found.spentAt()).isEqualTo(1_000L);
      assertThat(found.revokedAt()).isNull();
    });
  }

  @Test
  default void revokedTokenCannotBeSpent() {
    // given
    var token = inserted(freshFamily(), freshDevice());
    store().revokeFamily(token.familyId(), 1_000L);
    // when
    var spent = store().spend(token.tokenHash(), 2_000L);
    // then
    assertThat(spent).isFalse();
    assertThat(store().find(token.tokenHash())).hasValueSatisfying(found -> {
      assertThat(found.spentAt()).isNull();
      assertThat(found.revokedAt()).isEqualTo(1_000L);
    });
  }

  @Test
  default void revokeFamilyRevokesEveryTokenOfTheFamilyAndNoOther() {
    // given
    var device = freshDevice();
    var family = freshFamily();
    var spent = inserted(family, device);
    store().spend(spent.tokenHash(), 500L);
    var live = inserted(family, device);
    var otherFamily = inserted(freshFamily(), device);
    // when
    store().revokeFamily(family, 1_000L);
    // then
    assertThat(store().find(spent.tokenHash())).hasValueSatisfying(t -> assertThat(t.revokedAt()).isEqualTo(1_000L));
    assertThat(store().find(live.tokenHash())).hasValueSatisfying(t -> assertThat(t.revokedAt()).isEqualTo(1_000L));
    assertThat(store().find(otherFamily.tokenHash())).contains(otherFamily);
    assertThat(store().spend(otherFamily.tokenHash(), 2_000L)).isTrue();
  }

  @Test
  default void revokeDeviceRevokesOnlyThatDevicesTokens() {
    // given
    var account = AccountId.random();
    var phone = new DeviceId(account, 1);
    var laptop = new DeviceId(account, 2);
    var phoneTokens = List.of(inserted(freshFamily(), phone), inserted(freshFamily(), phone));
    var laptopToken = inserted(freshFamily(), laptop);
    var strangersToken = inserted(freshFamily(), new DeviceId(AccountId.random(), 1));
    // when
    store().revokeDevice(phone, 1_000L);
    // then
    assertThat(phoneTokens).allSatisfy(token -> {
      assertThat(store().find(token.tokenHash())).hasValueSatisfying(t -> assertThat(t.revokedAt()).isEqualTo(1_000L));
      assertThat(store().spend(token.tokenHash(), 2_000L)).isFalse();
    });
    assertThat(store().find(laptopToken.tokenHash())).contains(laptopToken);
    assertThat(store().find(strangersToken.tokenHash())).contains(strangersToken);
  }
}
