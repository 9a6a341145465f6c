package dev.parley.server.account.http;

import dev.parley.protocol.AccountId;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.ContactLookupRequest;
import dev.parley.protocol.rest.DeviceInfo;
import dev.parley.protocol.rest.DeviceList;
import dev.parley.protocol.rest.OtpRequest;
import dev.parley.protocol.rest.ProfileUpdate;
import dev.parley.protocol.rest.RefreshRequest;
import dev.parley.protocol.rest.VerifyRequest;
import dev.parley.server.account.AccountService;
import dev.parley.server.account.Device;
import dev.parley.server.http.BadRequest;
import dev.parley.server.http.Reply;
import dev.parley.server.http.RestRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** REST endpoints of accounts, sessions, devices, profiles and contacts (docs/protocol.md). */
public final class AccountRoutes {
  private final AccountService accounts;
  private final RestRoutes rest;

  public AccountRoutes(AccountService accounts, RestRoutes rest) {
    this.accounts = accounts;
    this.rest = rest;
  }

  public void mount(Router router) {
    router.post("/v1/accounts/otp").handler(rest.open(ctx ->
        accounts.otp().request(RestRoutes.body(ctx, OtpRequest.class).phone()).map(Reply::accepted)));
    router.post("/v1/accounts/verify").handler(rest.open(ctx -> {
      var request = RestRoutes.body(ctx, VerifyRequest.class);
      return accounts.verify(request.phone(), request.code(), request.deviceName());
    }));
    router.post("/v1/sessions/refresh").handler(rest.open(ctx ->
        accounts.refresh(RestRoutes.body(ctx, RefreshRequest.class).refreshToken())));
    router.post("/v1/sessions/logout").handler(rest.authed((ctx, device) -> {
      var request = RestRoutes.body(ctx, RefreshRequest.class);
      return accounts.logout(device, request.refreshToken())
          ? Outcome.ok(Reply.noContent())
          : Outcome.refused(ErrorCode.REFRESH_TOKEN_INVALID, "that refresh token is not a session of this device");
    }));
    router.get("/v1/devices").handler(rest.authed((ctx, device) -> Outcome.ok(deviceList(device.account(), device))));
    router.delete("/v1/devices/:deviceId").handler(rest.authed((ctx, device) ->
        accounts.removeDevice(device.account(), deviceNumber(ctx)).map(removed -> Reply.noContent())));
    router.get("/v1/accounts/:accountId/devices").handler(rest.authed((ctx, device) -> {
      var account = accountId(ctx);
      var list = deviceList(account, null);
      return list.devices().isEmpty()
          ? Outcome.refused(ErrorCode.ACCOUNT_NOT_FOUND, "no account " + account)
          : Outcome.ok(list);
    }));
    router.get("/v1/accounts/:accountId/profile").handler(rest.authed((ctx, device) -> accounts.profile(accountId(ctx))));
    router.get("/v1/profile").handler(rest.authed((ctx, device) -> accounts.profile(device.account())));
    router.patch("/v1/profile").handler(rest.authed((ctx, device) -> {
      var update = RestRoutes.body(ctx, ProfileUpdate.class);
      return accounts.updateProfile(device.account(), update.displayName(), update.about());
    }));
    router.post("/v1/contacts/lookup").handler(rest.authed((ctx, device) ->
        accounts.lookupContacts(RestRoutes.body(ctx, ContactLookupRequest.class).phones())));
  }

  /** The devices of an account; names and last-seen times only for the owner ({@code self} non-null). */
  private DeviceList deviceList(AccountId account, DeviceId self) {
    var devices = accounts.devices(account).stream()
        .map(d -> self == null
            ? new DeviceInfo(d.id().number(), null, d.createdAt(), 0, false)
            : info(d, self))
        .toList();
    return new DeviceList(account, devices);
  }

  private static DeviceInfo info(Device device, DeviceId self) {
    return new DeviceInfo(device.id().number(), device.name(), device.createdAt(), device.lastSeenAt(), device.id().equals(self));
  }

  private static int deviceNumber(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("deviceId"));
    } catch (NumberFormatException e) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, "deviceId must be a number");
    }
  }

  private static AccountId accountId(RoutingContext ctx) {
    try {
      return new AccountId(ctx.pathParam("accountId"));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }
}
