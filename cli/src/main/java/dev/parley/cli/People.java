package dev.parley.cli;

import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyException;
import dev.parley.protocol.AccountId;
import java.util.HashMap;
import java.util.Map;

/**
 * How an account is shown to the user: "you", else its display name and phone number as far as
 * known (the phone from this home's contacts, the name from the account's profile), else its id.
 * Profiles are fetched once per run. Thread-safe.
 */
final class People {
  private final ParleyClient client;
  private final AccountId me;
  private final Map<String, String> phones = new HashMap<>();
  private final Map<AccountId, String> labels = new HashMap<>();

  People(CliContext context, ParleyClient client, AccountId me) {
    this.client = client;
    this.me = me;
    context.state().contacts().forEach((phone, account) -> phones.put(account, phone));
  }

  synchronized String label(AccountId account) {
    if (account.equals(me)) {
      return "you";
    }
    return labels.computeIfAbsent(account, this::describe);
  }

  private String describe(AccountId account) {
    var phone = phones.get(account.value());
    String name = null;
    try {
      name = client.accounts().profileOf(account).displayName();
    } catch (ParleyException e) {
      // Offline, or the account is gone: the phone number or id still identifies the sender.
    }
    if (name != null && !name.isBlank()) {
      return phone == null ? name : name + " (" + phone + ")";
    }
    return phone != null ? phone : account.value();
  }
}
