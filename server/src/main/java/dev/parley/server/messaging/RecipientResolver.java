package dev.parley.server.messaging;

import dev.parley.protocol.Outcome;
import java.util.List;

/**
 * Decides a message's recipients at the moment it commits, from the membership as it is then (group
 * changes commit in the same order as messages). Runs on the store's committing thread: it must be
 * quick and read only caches. A refusal (the sender was removed meanwhile, say) stores nothing.
 */
@FunctionalInterface
public interface RecipientResolver {
  Outcome<List<NewMessage.Recipient>> resolve(NewMessage message);
}
