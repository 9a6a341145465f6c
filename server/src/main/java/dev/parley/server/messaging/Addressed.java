package dev.parley.server.messaging;

import dev.parley.protocol.DeviceId;
import dev.parley.protocol.frame.ServerFrame;

/** A committed delivery and the device whose queue holds it. */
public record Addressed(DeviceId device, ServerFrame.Delivery delivery) {}
