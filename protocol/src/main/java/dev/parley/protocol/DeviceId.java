package dev.parley.protocol;

import java.util.Objects;

/**
 * One device of an account. Devices are numbered per account from 1, as in Signal, so that an E2EE
 * session is addressed by (account, device) and a re-linked phone gets a fresh number.
 */
public record DeviceId(AccountId account, int number) {
  public DeviceId {
    Objects.requireNonNull(account, "account");
    if (number < 1) {
      throw new IllegalArgumentException("device number must be positive: " + number);
    }
  }

  @Override
  public String toString() {
    return account + "/" + number;
  }
}
