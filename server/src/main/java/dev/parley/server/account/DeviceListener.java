package dev.parley.server.account;

import dev.parley.protocol.DeviceId;

/** Told about device lifecycle changes, so other capabilities can react without account knowing them. */
public interface DeviceListener {
  DeviceListener NONE = new DeviceListener() {};

  /** A device was signed in for the first time. */
  default void deviceAdded(DeviceId device) {}

  /** A device was removed: its tokens are revoked; sockets must close and its queue be dropped. */
  default void deviceRemoved(DeviceId device) {}
}
