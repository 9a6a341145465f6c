package dev.parley.cli;

import dev.parley.client.ParleyClient;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves what the user typed as {@code TO}: a conversation id ({@code d:…} or {@code g:…}) as it
 * is, or a phone number to the direct conversation with its account. Phone numbers found once are
 * remembered in the home's {@link HomeState}, so later runs (and a chat started offline) need no
 * lookup; an account's number never changes.
 */
final class Target {
  // E.164: a plus, a country code that does not start with 0, at most 15 digits. The server checks
  // the rest (libphonenumber); a number it does not know simply finds no account.
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,14}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

  private Target() {}

  /** A phone number with spaces, dots, dashes and brackets removed, or a usage failure. */
  static String phone(String typed) {
    var phone = SEPARATORS.matcher(typed).replaceAll("");
    if (!E164.matcher(phone).matches()) {
      throw CliFailure.usage("not a phone number in international form (like +14155550123): " + typed);
    }
    return phone;
  }

  static boolean isConversationId(String typed) {
    return typed.startsWith("d:") || typed.startsWith("g:");
  }

  static ConversationId conversation(String typed) {
    try {
      return new ConversationId(typed);
    } catch (IllegalArgumentException e) {
      throw CliFailure.usage("not a conversation id: " + typed);
    }
  }

  /** The conversation {@code typed} names; looks the phone number up if this home has not yet. */
  static ConversationId resolve(String typed, CliContext context, ParleyClient client) {
    if (isConversationId(typed)) {
      return conversation(typed);
    }
    var account = account(phone(typed), context, client);
    if (account.equals(context.requireSession(client).accountId())) {
      throw CliFailure.usage("that is your own number: a direct conversation needs someone else");
    }
    return client.directConversationWith(account);
  }

  /** The account of a phone number, from this home's contacts or the server's lookup. */
  static AccountId account(String phone, CliContext context, ParleyClient client) {
    var known = context.state().contacts().get(phone);
    if (known != null) {
      return new AccountId(known);
    }
    return lookup(List.of(phone), context, client).getFirst();
  }

  /** The accounts of these phone numbers, in order; fails naming the first number with no account. */
  static List<AccountId> lookup(List<String> phones, CliContext context, ParleyClient client) {
    context.requireSession(client);
    var found = client.accounts().lookupContacts(phones).contacts();
    var state = context.state();
    for (var contact : found) {
      state = state.withContact(contact.phone(), contact.accountId().value());
    }
    context.saveState(state);
    var accounts = new java.util.ArrayList<AccountId>();
    for (var phone : phones) {
      var match = found.stream().filter(c -> c.phone().equals(phone)).findFirst();
      if (match.isEmpty()) {
        throw new CliFailure(ExitCodes.REFUSED,
            "account_not_found: no account has the phone number " + phone + " (or it is not a valid number)");
      }
      accounts.add(match.get().accountId());
    }
    return accounts;
  }
}
