package dev.parley.protocol.rest;

/** One device of an account, as listed to its owner. Times are epoch milliseconds. */
public record DeviceInfo(int deviceId, String name, long createdAt, long lastSeenAt, boolean current) {}
