package dev.parley.server.account;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Accounts, their devices and profiles. Implementations are thread-safe. */
public interface AccountStore {

  Optional<Account> find(AccountId id);

  Optional<Account> findByPhone(String e164);

  /** Accounts for those of {@code phones} (E.164) that have one. */
  Map<String, AccountId> findByPhones(Collection<String> phones);

  /** Adds a device to the phone's account, creating the account first if there is none. Atomic. */
  NewDevice addDevice(String e164, String deviceName, long now);

  /**
   * Creates an account with one device (number 1) for each of {@code phones} (E.164) that has no
   * account yet, in one transaction; phones that already have an account are skipped. Returns the
   * created ones, in the order of {@code phones}. For admin provisioning.
   */
  List<NewDevice> addAccounts(List<String> phones, String deviceName, long now);

  /** The account's devices, by number. Empty for an unknown account. */
  List<Device> devices(AccountId account);

  /** Removes a device; false if there was no such device. Its number is never reused. */
  boolean removeDevice(DeviceId device);

  /**
   * Records that the device was active. Cheap enough for every connect: the write is queued with
   * the other writes of its moment (group commit) and the future completes once it has committed,
   * without waiting for an fsync (a "last seen" that a crash takes back is harmless).
   */
  CompletableFuture<Void> touchDevice(DeviceId device, long now);

  /** Updates the fields that are not null; empty if there is no such account. */
  Optional<Account> updateProfile(AccountId id, String displayName, String about);
}
