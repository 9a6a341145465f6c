package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.MessageId;
import java.util.List;

/**
 * {@code GET /v1/conversations/{id}/messages/{messageId}/receipts}, for the sender: which devices
 * have received the message and which members have read it. {@code recipients} are the current
 * members other than the sender; "all" means each of them.
 */
public record MessageReceipts(
    MessageId messageId, long seq, List<AccountId> recipients, List<Delivered> deliveredTo, List<Read> readBy,
    boolean deliveredToAll, boolean readByAll) {

  public record Delivered(AccountId accountId, int deviceId, long at) {}

  public record Read(AccountId accountId, long upToSeq) {}
}
