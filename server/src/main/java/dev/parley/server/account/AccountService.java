package dev.parley.server.account;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.ContactLookupResponse;
import dev.parley.protocol.rest.Profile;
import dev.parley.protocol.rest.SessionTokens;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and their devices: sign-in with a verified phone, device lists (cached: every send reads
 * them), profiles and contact discovery. Thread-safe.
 */
public final class AccountService {
  private static final Logger log = LoggerFactory.getLogger(AccountService.class);
  public static final int MAX_CONTACT_LOOKUP = 500;
  public static final int MAX_DEVICE_NAME = 64;
  public static final int MAX_DISPLAY_NAME = 64;
  public static final int MAX_ABOUT = 280;

  private final AccountStore store;
  private final OtpService otp;
  private final TokenService tokens;
  private final DeviceListener listener;
  private final InstantSource clock;
  private final LoadingCache<AccountId, Devices> devices;
  private final ProvisioningService provisioning;

  public AccountService(AccountStore store, OtpService otp, TokenService tokens, DeviceListener listener, InstantSource clock) {
    this.store = store;
    this.otp = otp;
    this.tokens = tokens;
    this.listener = listener;
    this.clock = clock;
    // Invalidated on every local change; the expiry bounds staleness when another node changes a list.
    this.devices = Caffeine.newBuilder()
        .maximumSize(200_000)
        .expireAfterWrite(Duration.ofMinutes(5))
        .build(account -> new Devices(store.devices(account)));
    this.provisioning = new ProvisioningService(store, tokens, clock);
  }

  public OtpService otp() {
    return otp;
  }

  /** Bulk creation of accounts for the admin API. */
  public ProvisioningService provisioning() {
    return provisioning;
  }

  /** Checks the code and signs the device in, creating the account on first sign-in. */
  public Outcome<SessionTokens> verify(String phone, String code, String deviceName) {
    var name = deviceName == null || deviceName.isBlank() ? "device" : deviceName.strip();
    if (name.length() > MAX_DEVICE_NAME) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "deviceName is longer than " + MAX_DEVICE_NAME + " characters");
    }
    return otp.verify(phone, code).map(e164 -> {
      var added = store.addDevice(e164, name, clock.millis());
      devices.invalidate(added.account().id());
      listener.deviceAdded(added.device().id());
      return tokens.issue(added.device().id(), added.newAccount());
    });
  }

  public Outcome<SessionTokens> refresh(String refreshToken) {
    return tokens.refresh(refreshToken).flatMap(session -> {
      var device = new DeviceId(session.accountId(), session.deviceId());
      return isActive(device) ? Outcome.ok(session) : Outcome.refused(ErrorCode.REFRESH_TOKEN_INVALID, "this device was removed");
    });
  }

  public boolean logout(DeviceId device, String refreshToken) {
    return tokens.logout(device, refreshToken);
  }

  /** The device an access token stands for, if the token is valid and the device still exists. */
  public Outcome<DeviceId> authenticate(String accessToken) {
    return tokens.verifyAccessToken(accessToken).flatMap(device -> isActive(device)
        ? Outcome.ok(device)
        : Outcome.refused(ErrorCode.TOKEN_INVALID, "this device has been removed; sign in again"));
  }

  public boolean isActive(DeviceId device) {
    return devices(device.account()).stream().anyMatch(d -> d.id().equals(device));
  }

  /** The account's devices (empty for an unknown account). Served from cache. */
  public List<Device> devices(AccountId account) {
    return devices.get(account).all();
  }

  /** The ids of the account's devices, from cache: what a send fans out to. */
  public List<DeviceId> deviceIds(AccountId account) {
    return devices.get(account).ids();
  }

  /** An account's devices and their ids, both kept: a send to a group of a thousand asks for a thousand id lists. */
  private record Devices(List<Device> all, List<DeviceId> ids) {
    Devices(List<Device> all) {
      this(List.copyOf(all), all.stream().map(Device::id).toList());
    }
  }

  public boolean exists(AccountId account) {
    return !devices(account).isEmpty() || store.find(account).isPresent();
  }

  /** Records the device's last activity without waiting for the write: a socket's frames need not queue behind it. */
  public void deviceSeen(DeviceId device) {
    store.touchDevice(device, clock.millis()).exceptionally(failure -> {
      log.warn("could not record that {} was seen: {}", device, failure.toString());
      return null;
    });
  }

  /** Removes one of the account's devices: revokes its tokens, then tells listeners (sockets close). */
  public Outcome<DeviceId> removeDevice(AccountId account, int number) {
    if (number < 1) {
      return Outcome.refused(ErrorCode.DEVICE_NOT_FOUND, "no device " + number);
    }
    var device = new DeviceId(account, number);
    if (!store.removeDevice(device)) {
      return Outcome.refused(ErrorCode.DEVICE_NOT_FOUND, "this account has no device " + number);
    }
    tokens.revokeDevice(device);
    devices.invalidate(account);
    listener.deviceRemoved(device);
    return Outcome.ok(device);
  }

  public Outcome<Profile> profile(AccountId account) {
    return store.find(account)
        .<Outcome<Profile>>map(a -> Outcome.ok(new Profile(a.id(), a.displayName(), a.about())))
        .orElseGet(() -> Outcome.refused(ErrorCode.ACCOUNT_NOT_FOUND, "no such account"));
  }

  public Outcome<Profile> updateProfile(AccountId account, String displayName, String about) {
    if (displayName != null && displayName.strip().length() > MAX_DISPLAY_NAME) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "displayName is longer than " + MAX_DISPLAY_NAME + " characters");
    }
    if (about != null && about.length() > MAX_ABOUT) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "about is longer than " + MAX_ABOUT + " characters");
    }
    return store.updateProfile(account, displayName == null ? null : displayName.strip(), about)
        .<Outcome<Profile>>map(a -> Outcome.ok(new Profile(a.id(), a.displayName(), a.about())))
        .orElseGet(() -> Outcome.refused(ErrorCode.ACCOUNT_NOT_FOUND, "no such account"));
  }

  /** Which of the numbers have accounts. Invalid numbers are skipped, not refused: address books are messy. */
  public Outcome<ContactLookupResponse> lookupContacts(List<String> phones) {
    if (phones == null) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "phones is required");
    }
    if (phones.size() > MAX_CONTACT_LOOKUP) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "at most " + MAX_CONTACT_LOOKUP + " numbers per lookup");
    }
    var normalized = new LinkedHashSet<String>();
    for (var phone : phones) {
      PhoneNumbers.normalize(phone).ifPresent(normalized::add);
    }
    var found = store.findByPhones(normalized);
    var contacts = new ArrayList<ContactLookupResponse.Contact>();
    for (var phone : normalized) {
      var account = found.get(phone);
      if (account != null) {
        contacts.add(new ContactLookupResponse.Contact(phone, account));
      }
    }
    return Outcome.ok(new ContactLookupResponse(contacts));
  }

  public Optional<Account> account(AccountId id) {
    return store.find(id);
  }
}
