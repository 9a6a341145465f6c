package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AccountStore} must have. Each implementation gets a small class that
 * implements {@link #store()}; tests use fresh phones, so they can share one database.
 */
public interface AccountStoreContract {

  AccountStore store();

  private static String freshPhone() {
    return "+1" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 1_000_000_000_000_000L);
  }

  @Test
  default void firstDeviceCreatesTheAccountAsDeviceOne() {
    // given
    var phone = freshPhone();
    // when
    var added = store().addDevice(phone, "phone", 1_000L);
    // then
    assertThat(added.newAccount()).isTrue();
    assertThat(added.account().phone()).isEqualTo(phone);
    assertThat(added.account().createdAt()).isEqualTo(1_000L);
    assertThat(added.device()).isEqualTo(new Device(new DeviceId(added.account().id(), 1), "phone", 1_000L, 1_000L));
    assertThat(store().find(added.account().id())).contains(added.account());
  }

  @Test
  default void laterDevicesJoinTheSameAccountWithTheNextNumbers() {
    // given
    var phone = freshPhone();
    var first = store().addDevice(phone, "phone", 1_000L);
    // when
    var second = store().addDevice(phone, "laptop", 2_000L);
    var third = store().addDevice(phone, "tablet", 3_000L);
    // then
    assertThat(List.of(second, third)).allSatisfy(added -> {
      assertThat(added.newAccount()).isFalse();
      assertThat(added.account()).isEqualTo(first.account());
    });
    assertThat(second.device().id()).isEqualTo(new DeviceId(first.account().id(), 2));
    assertThat(third.device().id()).isEqualTo(new DeviceId(first.account().id(), 3));
  }

  @Test
  default void deviceNumbersAreNumberedPerAccount() {
    // given
    store().addDevice(freshPhone(), "someone else's phone", 1_000L);
    store().addDevice(freshPhone(), "someone else's phone", 1_000L);
    // when
    var added = store().addDevice(freshPhone(), "phone", 2_000L);
    // then
    assertThat(added.device().id().number()).isEqualTo(1);
  }

  @Test
  default void removedDeviceNumberIsNeverReused() {
    // given
    var phone = freshPhone();
    var account = store().addDevice(phone, "phone", 1_000L).account().id();
    var laptop = store().addDevice(phone, "laptop", 2_000L).device().id();
    // when
    var removed = store().removeDevice(laptop);
    var next = store().addDevice(phone, "new laptop", 3_000L);
    // then
    assertThat(removed).isTrue();
    assertThat(next.device().id()).isEqualTo(new DeviceId(account, 3));
    assertThat(store().devices(account)).extracting(d -> d.id().number()).containsExactly(1, 3);
  }

  @Test
  default void devicesAreListedByNumber() {
    // given
    var phone = freshPhone();
    var account = store().addDevice(phone, "phone", 1_000L).account().id();
    store().addDevice(phone, "laptop", 2_000L);
    store().addDevice(phone, "tablet", 3_000L);
    // when
    var devices = store().devices(account);
    // then
    assertThat(devices).containsExactly(
        new Device(new DeviceId(account, 1), "phone", 1_000L, 1_000L),
        new Device(new DeviceId(account, 2), "laptop", 2_000L, 2_000L),
        new Device(new DeviceId(account, 3), "tablet", 3_000L, 3_000L));
  }

  @Test
  default void unknownAccountHasNoDevices() {
    // given
    var unknown = AccountId.random();
    // when
    var devices = store().devices(unknown);
    // then
    assertThat(devices).isEmpty();
  }

  @Test
  default void removingADeviceThatDoesNotExistReturnsFalse() {
    // given
    var account = store().addDevice(freshPhone(), "phone", 1_000L).account().id();
    // when
    var unknownAccount = store().removeDevice(new DeviceId(AccountId.random(), 1));
    var unknownNumber = store().removeDevice(new DeviceId(account, 2));
    // then
    assertThat(unknownAccount).isFalse();
    assertThat(unknownNumber).isFalse();
    assertThat(store().devices(account)).hasSize(1);
  }

  @Test
  default void removingADeviceTwiceReturnsFalseTheSecondTime() {
    // given
    var device = store().addDevice(freshPhone(), "phone", 1_000L).device().id();
    // when
    var first = store().removeDevice(device);
    var second = store().removeDevice(device);
    // then
    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store().devices(device.account())).isEmpty();
  }

  @Test
  default void accountIsFoundByIdAndByPhone() {
    // given
    var phone = freshPhone();
    var account = store().addDevice(phone, "phone", 1_000L).account();
    // when
    var byId = store().find(account.id());
    var byPhone = store().findByPhone(phone);
    // then
    assertThat(byId).contains(account);
    assertThat(byPhone).contains(account);
  }

  @Test
  default void unknownIdAndPhoneFindNothing() {
    // given
    var unknownId = AccountId.random();
    var unknownPhone = freshPhone();
    // when
    var byId = store().find(unknownId);
    var byPhone = store().findByPhone(unknownPhone);
    // then
    assertThat(byId).isEmpty();
    assertThat(byPhone).isEmpty();
  }

  @Test
  default void findByPhonesReturnsOnlyThePhonesThatHaveAnAccount() {
    // given
    var alice = freshPhone();
    var bob = freshPhone();
    var aliceId = store().addDevice(alice, "phone", 1_000L).account().id();
    var bobId = store().addDevice(bob, "phone", 1_000L).account().id();
    // when
    var found = store().findByPhones(List.of(alice, freshPhone(), bob, freshPhone()));
    // then
    assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of(alice, aliceId, bob, bobId));
  }

  @Test
  default void findByPhonesOfNoPhonesFindsNothing() {
    // when
    var found = store().findByPhones(List.of());
    // then
    assertThat(found).isEmpty();
  }

  @Test
  default void findByPhonesFindsAccountsBeyondTheFirstHundredPhones() {
    // given: 250 phones, every other one with an account, the last ones well past any first chunk
    var phones = IntStream.range(0, 250).mapToObj(i -> freshPhone()).toList();
    var expected = new HashMap<String, AccountId>();
    for (int i = 1; i < phones.size(); i += 2) {
      expected.put(phones.get(i), store().addDevice(phones.get(i), "phone", 1_000L).account().id());
    }
    // when
    var found = store().findByPhones(phones);
    // then
    assertThat(found).hasSize(125).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  default void updateProfileChangesOnlyTheFieldsGiven() {
    // given
    var account = store().addDevice(freshPhone(), "phone", 1_000L).account();
    store().updateProfile(account.id(), "Alice", "hello");
    // when
    var onlyAbout = store().updateProfile(account.id(), null, "busy");
    var onlyName = store().updateProfile(account.id(), "Alice B.", null);
    // then
    assertThat(onlyAbout).hasValueSatisfying(a -> {
      assertThat(a.displayName()).isEqualTo("Alice");
      assertThat(a.about()).isEqualTo("busy");
    });
    assertThat(onlyName).hasValueSatisfying(a -> {
      assertThat(a.displayName()).isEqualTo("Alice B.");
      assertThat(a.about()).isEqualTo("busy");
    });
    assertThat(store().find(account.id())).contains(
        new Account(account.id(), account.phone(), "Alice B.", "busy", account.createdAt()));
  }

  @Test
  default void updateProfileOfUnknownAccountIsEmpty() {
    // given
    var unknown = AccountId.random();
    // when
    var updated = store().updateProfile(unknown, "Mallory", "hi");
    // then
    assertThat(updated).isEmpty();
    assertThat(store().find(unknown)).isEmpty();
  }

  @Test
  default void touchDeviceUpdatesOnlyThatDevicesLastSeenAt() {
    // given
    var phone = freshPhone();
    var phoneDevice = store().addDevice(phone, "phone", 1_000L).device();
    var laptop = store().addDevice(phone, "laptop", 2_000L).device();
    // when
    store().touchDevice(phoneDevice.id(), 5_000L).join();
    // then
    assertThat(store().devices(phoneDevice.id().account())).containsExactly(
        new Device(phoneDevice.id(), "phone", 1_000L, 5_000L),
        laptop);
  }

  @Test
  default void concurrentFirstSignInsOfOnePhoneShareOneAccount() throws Exception {
    // given
    var phone = freshPhone();
    int threads = 8;
    var start = new CountDownLatch(1);
    var results = new ArrayList<NewDevice>();
    // when
    try (var pool = Executors.newFixedThreadPool(threads)) {
      var futures = new ArrayList<Future<NewDevice>>();
      for (int i = 0; i < threads; i++) {
        var name = "device " + i;
        futures.add(pool.submit(() -> {
          start.await();
          return store().addDevice(phone, name, 1_000L);
        }));
      }
      start.countDown();
      for (var future : futures) {
        results.add(future.get(30, TimeUnit.SECONDS));
      }
    }
    // then
    var account = store().findByPhone(phone).orElseThrow().id();
    assertThat(results).extracting(r -> r.account().id()).containsOnly(account);
    assertThat(results).filteredOn(NewDevice::newAccount).hasSize(1);
    assertThat(results).extracting(r -> r.device().id().number())
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads).boxed().toList());
    assertThat(store().devices(account)).hasSize(threads);
  }
}
