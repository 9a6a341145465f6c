package dev.parley.server.cluster;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame;

/** The embedded router: one node, so a device is either connected here or offline. */
public final class LocalRouter implements Router {
  private final LocalSockets sockets;

  public LocalRouter(LocalSockets sockets) {
    this.sockets = sockets;
  }

  @Override
  public void deliver(DeviceId device, ServerFrame.Delivery delivery) {
    // Offline devices keep the delivery queued; push notifications will hook in here.
    sockets.offer(device, delivery);
  }
}
