package dev.parley.protocol.rest;

/** {@code POST /v1/accounts/otp}: send a one-time code to this E.164 phone number. */
public record OtpRequest(String phone) {}
