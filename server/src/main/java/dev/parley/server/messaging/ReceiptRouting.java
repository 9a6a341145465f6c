package dev.parley.server.messaging;

import dev.parley.protocol.DeviceId;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the store needs to turn acks into {@code delivered} receipts: whom to tell of each acked
 * message, and where the receipts go once they are committed.
 */
public interface ReceiptRouting {
  /** The devices to tell that {@code acked} reached its recipient; empty for none. Called on the committer: quick, from caches. */
  List<DeviceId> targets(AckedMessage acked);

  /** Receipts just committed (and durable), in delivery-id order for each device. */
  void route(List<Addressed> receipts);

  /** Routing from a function naming the devices to tell and a consumer taking the committed receipts. */
  static ReceiptRouting of(Function<AckedMessage, List<DeviceId>> targets, Consumer<List<Addressed>> route) {
    return new ReceiptRouting() {
      @Override
      public List<DeviceId> targets(AckedMessage acked) {
        return targets.apply(acked);
      }

      @Override
      public void route(List<Addressed> receipts) {
        route.accept(receipts);
      }
    };
  }
}
