package dev.parley.server.account;

import dev.parley.protocol.DeviceId;

/** A signed-in device of an account. Times are epoch milliseconds. */
public record Device(DeviceId id, String name, long createdAt, long lastSeenAt) {}
