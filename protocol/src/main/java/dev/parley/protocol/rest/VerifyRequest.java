package dev.parley.protocol.rest;

/** {@code POST /v1/accounts/verify}: prove the phone with its code and sign this device in. */
public record VerifyRequest(String phone, String code, String deviceName) {}
