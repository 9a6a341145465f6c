package dev.parley.server.cluster;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame;

/**
 * Gets a committed delivery to its device: a socket on this node at once; in a cluster, the node that
 * holds the device's socket over the bus; otherwise a push notification. Deliveries are routed in
 * their wire form, so every node can send them without knowing how they were made.
 *
 * <p>Routing is a best-effort fast path: every delivery is already in the device's durable queue,
 * and a device that misses one gets it from the queue when it next connects.
 */
public interface Router {
  void deliver(DeviceId device, ServerFrame.Delivery delivery);
}
