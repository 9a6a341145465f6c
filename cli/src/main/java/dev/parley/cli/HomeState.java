package dev.parley.cli;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the CLI remembers in its home directory besides the session ({@code settings.json}): the
 * server this home signed in to, its phone number, a display name waiting for the first sign-in,
 * and the phone numbers it has looked up (so a chat can start offline and senders show as numbers).
 * Nothing secret: the tokens live in {@code session.json}, owned by the SDK's FileSessionStore.
 *
 * @param server the server URL of the last sign-in, or null
 * @param phone the phone number of the last sign-in, or null
 * @param pendingPhone the number {@code register --name} was run for, or null
 * @param pendingName the display name to set after {@code verify} of {@code pendingPhone}, or null
 * @param contacts phone number (E.164) to account id
 */
record HomeState(String server, String phone, String pendingPhone, String pendingName, Map<String, String> contacts) {
  static final HomeState EMPTY = new HomeState(null, null, null, null, Map.of());

  HomeState {
    contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
  }

  HomeState withPending(String newPendingPhone, String newPendingName) {
    return new HomeState(server, phone, newPendingPhone, newPendingName, contacts);
  }

  HomeState signedIn(String newServer, String newPhone) {
    return new HomeState(newServer, newPhone, null, null, contacts);
  }

  HomeState withContact(String contactPhone, String accountId) {
    var copy = new TreeMap<>(contacts);
    copy.put(contactPhone, accountId);
    return new HomeState(server, phone, pendingPhone, pendingName, copy);
  }
}
