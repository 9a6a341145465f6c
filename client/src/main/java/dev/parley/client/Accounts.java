package dev.parley.client;

import dev.parley.client.internal.HttpJson;
import dev.parley.client.internal.RestCalls;
import dev.parley.client.internal.Session;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.rest.ContactLookupRequest;
import dev.parley.protocol.rest.ContactLookupResponse;
import dev.parley.protocol.rest.DeviceList;
import dev.parley.protocol.rest.OtpRequest;
import dev.parley.protocol.rest.OtpResponse;
import dev.parley.protocol.rest.Profile;
import dev.parley.protocol.rest.ProfileUpdate;
import dev.parley.protocol.rest.RefreshRequest;
import dev.parley.protocol.rest.SessionTokens;
import dev.parley.protocol.rest.VerifyRequest;
import java.util.List;

/**
 * Sign-in, session, devices, profile and contacts over REST. Obtain it from
 * {@link ParleyClient#accounts()}.
 *
 * <p>Every method blocks the calling thread for one HTTP round trip (two if the access token had
 * to be refreshed), so call it from a virtual thread or a background thread, not a UI thread.
 * Thread-safe. Every method throws {@link ParleyApiException} when the server refuses and
 * {@link ParleyUnreachableException} when it cannot be reached; authenticated methods throw
 * {@link IllegalStateException} when not signed in.
 */
public final class Accounts {
  private final RestCalls rest;
  private final Session session;
  private final Runnable onSignedOut;

  Accounts(RestCalls rest, Session session, Runnable onSignedOut) {
    this.rest = rest;
    this.session = session;
    this.onSignedOut = onSignedOut;
  }

  /** Asks the server to text a one-time code to this E.164 number. */
  public OtpResponse requestCode(String phone) {
    return rest.anonymous("POST", "v1/accounts/otp", new OtpRequest(phone), HttpJson.type(OtpResponse.class));
  }

  /**
   * Proves the phone with its code and signs this device in; the tokens are saved in the session
   * store, replacing any previous session. {@code newAccount} says whether the account was created.
   */
  public SessionTokens verify(String phone, String code, String deviceName) {
    SessionTokens tokens = rest.anonymous(
        "POST", "v1/accounts/verify", new VerifyRequest(phone, code, deviceName), HttpJson.type(SessionTokens.class));
    session.signedIn(tokens);
    return tokens;
  }

  /**
   * Replaces both tokens now. Rarely needed: the SDK refreshes by itself before expiry and when the
   * server reports an expired token. A 401 here means the session is over: the store is cleared and
   * {@link ClientListener#onSessionRevoked} is told.
   */
  public SessionTokens refresh() {
    return session.refresh();
  }

  /**
   * Ends this device's session on the server, clears the session store and stops the connection
   * (state {@link ConnectionState#IDLE}). The local session is cleared even if the server cannot be
   * told, because the user asked to be signed out.
   */
  public void logout() {
    var tokens = session.current().orElseThrow(() -> new IllegalStateException("not signed in"));
    try {
      rest.authorized("POST", "v1/sessions/logout", new RefreshRequest(tokens.refreshToken()), null);
    } finally {
      session.signedOut();
      onSignedOut.run();
    }
  }

  /** This account's devices; the one making the call has {@code current = true}. */
  public DeviceList devices() {
    return rest.authorized("GET", "v1/devices", null, HttpJson.type(DeviceList.class));
  }

  /** Another account's devices, to address per-device payloads. */
  public DeviceList devicesOf(AccountId account) {
    return rest.authorized("GET", "v1/accounts/" + segment(account) + "/devices", null, HttpJson.type(DeviceList.class));
  }

  /** Signs one of this account's devices out for good; its socket closes with 4403. */
  public void removeDevice(int deviceNumber) {
    rest.authorized("DELETE", "v1/devices/" + deviceNumber, null, null);
  }

  public Profile profile() {
    return rest.authorized("GET", "v1/profile", null, HttpJson.type(Profile.class));
  }

  public Profile profileOf(AccountId account) {
    return rest.authorized("GET", "v1/accounts/" + segment(account) + "/profile", null, HttpJson.type(Profile.class));
  }

  /** Changes the fields that are non-null in {@code update}; returns the profile as stored. */
  public Profile updateProfile(ProfileUpdate update) {
    return rest.authorized("PATCH", "v1/profile", update, HttpJson.type(Profile.class));
  }

  /** Which of these phone numbers (at most 500) have accounts. */
  public ContactLookupResponse lookupContacts(List<String> phones) {
    return rest.authorized(
        "POST", "v1/contacts/lookup", new ContactLookupRequest(phones), HttpJson.type(ContactLookupResponse.class));
  }

  private static String segment(AccountId account) {
    return HttpJson.pathSegment(account.value());
  }
}
