package dev.parley.server.account;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.ProvisionedAccounts;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin provisioning: creates many accounts at once, each with one signed-in device, for load tests
 * and staging set-ups where the OTP flow (one SMS per account) is in the way. The route that calls it
 * is authenticated with the admin token and absent unless one is configured.
 *
 * <p>Numbers are the prefix followed by a zero-padded counter that fills the number to 12 digits
 * (at least 4 counter digits), so repeated calls with one prefix walk the same sequence: numbers that
 * already have an account are skipped, never reused. Each chunk of {@value #CHUNK} accounts costs two
 * transactions (accounts with their devices, then refresh tokens) instead of three per account.
 */
public final class ProvisioningService {
  private static final Logger log = LoggerFactory.getLogger(ProvisioningService.class);
  public static final int MAX_COUNT = 10_000;
  static final int CHUNK = 500;
  private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,10}");
  private static final String DEVICE_NAME = "provisioned";

  private final AccountStore store;
  private final TokenService tokens;
  private final InstantSource clock;

  public ProvisioningService(AccountStore store, TokenService tokens, InstantSource clock) {
    this.store = store;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * Creates up to {@code count} accounts on numbers starting with {@code phonePrefix}; fewer only when
   * the prefix has no unused numbers left.
   */
  public Outcome<ProvisionedAccounts> provision(Integer count, String phonePrefix) {
    if (count == null || count < 1 || count > MAX_COUNT) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "count must be 1.." + MAX_COUNT);
    }
    if (phonePrefix == null || !PREFIX.matcher(phonePrefix).matches()) {
      return Outcome.refused(ErrorCode.BAD_REQUEST, "phonePrefix must be + and 1 to 11 digits, e.g. \"+1415\"");
    }
    int width = Math.max(4, 12 - (phonePrefix.length() - 1));
    long capacity = (long) Math.pow(10, width);
    var created = new ArrayList<ProvisionedAccounts.Account>(count);
    long next = 0;
    while (created.size() < count && next < capacity) {
      var phones = new ArrayList<String>(CHUNK);
      while (phones.size() < Math.min(CHUNK, count - created.size()) && next < capacity) {
        phones.add(phonePrefix + String.format("%0" + width + "d", next++));
      }
      var devices = store.addAccounts(phones, DEVICE_NAME, clock.millis());
      var sessions = tokens.issueAll(devices.stream().map(added -> added.device().id()).toList());
      for (int i = 0; i < devices.size(); i++) {
        created.add(new ProvisionedAccounts.Account(devices.get(i).account().phone(), sessions.get(i)));
      }
    }
    log.info("provisioned {} accounts on {}", created.size(), phonePrefix);
    return Outcome.ok(new ProvisionedAccounts(created));
  }
}
