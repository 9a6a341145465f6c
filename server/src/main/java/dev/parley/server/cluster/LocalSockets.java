package dev.parley.server.cluster;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame;

/** The devices connected to this node. The edge implements it; the router and account use it. */
public interface LocalSockets {
  LocalSockets NONE = new LocalSockets() {
    @Override
    public boolean offer(DeviceId device, ServerFrame.Delivery delivery) {
      return false;
    }

    @Override
    public void disconnect(DeviceId device, int closeCode, String reason) {}
  };

  /**
   * Hands a committed delivery to the device's socket on this node. False if the device has no
   * socket here (the delivery stays queued and is sent when the device connects).
   */
  boolean offer(DeviceId device, ServerFrame.Delivery delivery);

  /** Closes the device's socket on this node, if any, with a WebSocket close code. */
  void disconnect(DeviceId device, int closeCode, String reason);
}
