package dev.parley.protocol.rest;

import java.util.List;

/** The answer to {@link ProvisionRequest}: each new account's phone and its device 1's session. */
public record ProvisionedAccounts(List<Account> accounts) {

  /** One provisioned account: signed in as device 1, exactly as after {@code /v1/accounts/verify}. */
  public record Account(String phone, SessionTokens session) {}
}
