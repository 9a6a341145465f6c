package dev.parley.server.edge;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame;
import dev.parley.server.cluster.LocalSockets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated sockets on this node, one per device: a device that connects again replaces its
 * older socket (closed with 4409), because two streams of one queue would race for the same acks.
 */
public final class SocketRegistry implements LocalSockets {
  private final ConcurrentHashMap<DeviceId, DeviceConnection> byDevice = new ConcurrentHashMap<>();

  /** Registers the connection for its device and returns the one it replaced, if any. */
  DeviceConnection register(DeviceId device, DeviceConnection connection) {
    return byDevice.put(device, connection);
  }

  void unregister(DeviceId device, DeviceConnection connection) {
    byDevice.remove(device, connection);
  }

  @Override
  public boolean offer(DeviceId device, ServerFrame.Delivery delivery) {
    var connection = byDevice.get(device);
    if (connection == null) {
      return false;
    }
    connection.offer(delivery);
    return true;
  }

  @Override
  public void disconnect(DeviceId device, int closeCode, String reason) {
    var connection = byDevice.get(device);
    if (connection != null) {
      connection.close((short) closeCode, reason);
    }
  }

  public boolean isConnected(DeviceId device) {
    return byDevice.containsKey(device);
  }

  public int size() {
    return byDevice.size();
  }

  Collection<DeviceConnection> connections() {
    return List.copyOf(byDevice.values());
  }
}
