package dev.parley.server.account;

/** The result of signing a device in: the device and whether its account was created for it. */
public record NewDevice(Account account, Device device, boolean newAccount) {}
