package dev.parley.server.account.http;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.rest.ProvisionRequest;
import dev.parley.server.account.ProvisioningService;
import dev.parley.server.config.AdminConfig;
import dev.parley.server.http.RestRoutes;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The admin provisioning endpoint, {@code POST /v1/admin/accounts} (docs/protocol.md, "Admin
 * provisioning"). Mounted only when {@code admin.token} is set, so a server without one answers 404
 * {@code not_found} like for any unknown path. The bearer token is compared in constant time, on
 * SHA-256 digests so that not even its length leaks through timing.
 */
public final class AdminRoutes {
  private final ProvisioningService provisioning;
  private final AdminConfig config;
  private final RestRoutes rest;

  public AdminRoutes(ProvisioningService provisioning, AdminConfig config, RestRoutes rest) {
    this.provisioning = provisioning;
    this.config = config;
    this.rest = rest;
  }

  public void mount(Router router) {
    if (!config.isEnabled()) {
      return;
    }
    var expected = sha256(config.token());
    router.post("/v1/admin/accounts").handler(rest.open(ctx -> {
      var header = ctx.request().getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
          || !MessageDigest.isEqual(expected, sha256(header.substring(7).strip()))) {
        return Outcome.refused(ErrorCode.UNAUTHENTICATED, "send the admin token as \"Authorization: Bearer <admin.token>\"");
      }
      var request = RestRoutes.body(ctx, ProvisionRequest.class);
      return provisioning.provision(request.count(), request.phonePrefix());
    }));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
