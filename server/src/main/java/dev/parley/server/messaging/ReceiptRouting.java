package dev.parley.server.messaging;

import dev.parley.protocol.DeviceId;
import java.util.List;

/**
 * What the store needs to turn acks into {@code delivered} receipts: whom to tell of each acked
 * message, and where the receipts go once they are committed.
 */
public interface ReceiptRouting {
  /** The devices to tell that {@code acked} reached its recipient; empty for none. Called on the committer: quick, from caches. */
  List<DeviceId> targets(AckedMessage acked);

  /** Receipts just committed (and durable), in delivery-id order for each device. */
  void route(List<Addressed> receipts);
}
