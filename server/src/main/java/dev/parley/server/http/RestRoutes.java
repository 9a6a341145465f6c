package dev.parley.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.DeviceId;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.Outcome;
import dev.parley.protocol.frame.ServerFrame.ErrorDetails;
import dev.parley.protocol.rest.ErrorResponse;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a route's logic into a Vert.x handler: it runs the logic on a virtual thread (services block
 * on the database), authenticates with the bearer token where asked, and writes the
 * {@link Outcome} as JSON: the value with 200 (or a {@link Reply}'s status), a refusal as
 * {@link ErrorResponse} with its code's status. An unexpected exception is logged once and answered
 * 500 {@code internal}, never with a stack trace.
 */
public final class RestRoutes {
  private static final Logger log = LoggerFactory.getLogger(RestRoutes.class);
  private static final ObjectMapper JSON = Json.mapper();

  /** What authenticates a bearer token: the account capability. */
  public interface Authenticator {
    Outcome<DeviceId> authenticate(String accessToken);
  }

  /** Route logic for an unauthenticated endpoint. */
  @FunctionalInterface
  public interface Open {
    Outcome<?> handle(RoutingContext ctx);
  }

  /** Route logic for an endpoint that needs a signed-in device. */
  @FunctionalInterface
  public interface Authed {
    Outcome<?> handle(RoutingContext ctx, DeviceId device);
  }

  private final Authenticator authenticator;
  private final Executor blocking;

  public RestRoutes(Authenticator authenticator, Executor blocking) {
    this.authenticator = authenticator;
    this.blocking = blocking;
  }

  public Handler<RoutingContext> open(Open logic) {
    return ctx -> run(ctx, () -> logic.handle(ctx));
  }

  public Handler<RoutingContext> authed(Authed logic) {
    return ctx -> run(ctx, () -> {
      var header = ctx.request().getHeader("Authorization");
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return Outcome.refused(ErrorCode.UNAUTHENTICATED, "send the access token as \"Authorization: Bearer <token>\"");
      }
      return authenticator.authenticate(header.substring(7).strip()).flatMap(device -> logic.handle(ctx, device));
    });
  }

  private void run(RoutingContext ctx, java.util.function.Supplier<Outcome<?>> logic) {
    try {
      blocking.execute(() -> {
        try {
          write(ctx, logic.get());
        } catch (BadRequest e) {
          error(ctx, e.code(), e.getMessage(), null);
        } catch (RuntimeException e) {
          log.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
          error(ctx, ErrorCode.INTERNAL, "internal error; it has been logged", null);
        }
      });
    } catch (RejectedExecutionException e) {
      error(ctx, ErrorCode.UNAVAILABLE, "the server is shutting down", null);
    }
  }

  private static void write(RoutingContext ctx, Outcome<?> outcome) {
    switch (outcome) {
      case Outcome.Ok<?>(Reply reply) when reply.body() == null -> ctx.response().setStatusCode(reply.status()).end();
      case Outcome.Ok<?>(Reply reply) -> json(ctx, reply.status(), reply.body());
      case Outcome.Ok<?>(var value) -> json(ctx, 200, value);
      case Outcome.Refused<?>(var code, var message, var details) -> error(ctx, code, message, details);
    }
  }

  public static void error(RoutingContext ctx, ErrorCode code, String message, ErrorDetails details) {
    json(ctx, code.httpStatus(), ErrorResponse.of(code, message, details));
  }

  public static void json(RoutingContext ctx, int status, Object body) {
    String text;
    try {
      text = JSON.writeValueAsString(body);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
  }

  /** The request body as a record; a missing or malformed body is a {@link BadRequest}. */
  public static <T> T body(RoutingContext ctx, Class<T> type) {
    var body = ctx.body() == null ? null : ctx.body().asString();
    if (body == null || body.isBlank()) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, "a JSON body is required");
    }
    try {
      var value = JSON.readValue(body, type);
      if (value == null) {
        throw new BadRequest(ErrorCode.BAD_REQUEST, "a JSON object is required");
      }
      return value;
    } catch (JsonParseException e) {
      throw new BadRequest(ErrorCode.MALFORMED_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, "the body does not have the expected fields: " + e.getOriginalMessage());
    }
  }

  /** An optional numeric query parameter. */
  public static <T> T query(RoutingContext ctx, String name, Function<String, T> parse, T fallback) {
    var raw = ctx.request().getParam(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return parse.apply(raw);
    } catch (RuntimeException e) {
      throw new BadRequest(ErrorCode.BAD_REQUEST, "query parameter " + name + " is not valid: \"" + raw + "\"");
    }
  }
}
