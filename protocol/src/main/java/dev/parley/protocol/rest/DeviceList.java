package dev.parley.protocol.rest;

import dev.parley.protocol.AccountId;
import java.util.List;

/** The devices of an account: {@code GET /v1/devices} (own) and {@code GET /v1/accounts/{id}/devices}. */
public record DeviceList(AccountId accountId, List<DeviceInfo> devices) {}
