package dev.parley.server.groups;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.GroupEvent;
import java.util.List;
import java.util.Set;

/**
 * What an allowed change does: the group as it will be, the system messages that record it (in
 * order), and accounts that must hear of it though they are no longer members (the removed or left).
 * New members' {@code joinedSeq} is filled in by the store with the seq before the first event.
 */
public record GroupPlan(Conversation after, List<GroupEvent> events, Set<AccountId> alsoNotify) {
  public GroupPlan {
    events = List.copyOf(events);
    alsoNotify = Set.copyOf(alsoNotify);
  }

  public boolean changesNothing() {
    return events.isEmpty();
  }
}
