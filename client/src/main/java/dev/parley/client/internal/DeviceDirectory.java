package dev.parley.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.client.ParleyApiException;
import dev.parley.protocol.AccountId;
import dev.parley.protocol.ConversationId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.frame.ServerFrame.DeviceRef;
import dev.parley.protocol.rest.ConversationSummary;
import dev.parley.protocol.rest.DeviceInfo;
import dev.parley.protocol.rest.DeviceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices must get a copy of a per-device message: every device of the other members, plus
 * this account's own other devices (so they show what was sent). Lists are cached, because a
 * per-device send made offline must still be addressable, and refreshed when the server answers
 * {@code devices_mismatch}. Thread-safe; two threads may fetch the same list at once, harmlessly.
 */
public final class DeviceDirectory {
  private static final TypeReference<List<ConversationSummary>> CONVERSATIONS = new TypeReference<>() {};

  private final RestCalls rest;
  private final Map<AccountId, List<Integer>> devices = new ConcurrentHashMap<>();
  private final Map<ConversationId, List<AccountId>> members = new ConcurrentHashMap<>();

  public DeviceDirectory(RestCalls rest) {
    this.rest = rest;
  }

  /**
   * @param refresh forget cached lists first (the server said they are stale)
   */
  public List<DeviceRef> recipients(ConversationId conversation, AccountId me, int myDevice, boolean refresh) {
    if (refresh) {
      devices.clear();
      members.remove(conversation);
    }
    var out = new ArrayList<DeviceRef>();
    for (var account : otherMembers(conversation, me)) {
      for (int device : devicesOf(account, me)) {
        out.add(new DeviceRef(account, device));
      }
    }
    for (int device : devicesOf(me, me)) {
      if (device != myDevice) {
        out.add(new DeviceRef(me, device));
      }
    }
    return out;
  }

  private List<AccountId> otherMembers(ConversationId conversation, AccountId me) {
    if (conversation.isDirect()) {
      var pair = conversation.directPair()
          .filter(p -> p.contains(me))
          .orElseThrow(() -> new ParleyApiException(
              ErrorCode.NOT_A_MEMBER, 403, "not a member of " + conversation, null));
      return List.of(pair.other(me));
    }
    var cached = members.get(conversation);
    if (cached == null) {
      List<ConversationSummary> all = rest.authorized("GET", "v1/conversations", null, HttpJson.type(CONVERSATIONS));
      cached = all.stream()
          .filter(c -> c.conversationId().equals(conversation))
          .findFirst()
          .map(ConversationSummary::members)
          .orElseThrow(() -> new ParleyApiException(
              ErrorCode.CONVERSATION_NOT_FOUND, 404, "no conversation " + conversation + " for this account", null));
      members.put(conversation, cached);
    }
    return cached.stream().filter(a -> !a.equals(me)).toList();
  }

  private List<Integer> devicesOf(AccountId account, AccountId me) {
    var cached = devices.get(account);
    if (cached == null) {
      var path = account.equals(me) ? "v1/devices" : "v1/accounts/" + HttpJson.pathSegment(account.value()) + "/devices";
      DeviceList list = rest.authorized("GET", path, null, HttpJson.type(DeviceList.class));
      cached = list.devices().stream().map(DeviceInfo::deviceId).toList();
      devices.put(account, cached);
    }
    return cached;
  }
}
