package dev.actorshop.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.HttpChallenge;
import akka.http.javadsl.model.headers.RawHeader;
import akka.http.javadsl.model.headers.WWWAuthenticate;
import akka.http.javadsl.server.AuthorizationFailedRejection;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.MalformedRequestContentRejection;
import akka.http.javadsl.server.MethodRejection;
import akka.http.javadsl.server.RejectionHandler;
import akka.http.scaladsl.model.EntityStreamSizeException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.MongoException;
import dev.actorshop.product.ProductException;
import dev.actorshop.product.SaleRefusedException;
import dev.actorshop.seckill.SaleException;
import dev.actorshop.user.UserException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error contract of DESIGN.md: every failure becomes {@code {"error":"<code>","message":"..."}}
 * with the right status. A client's mistake is a 4xx, an unavailable store a 503, and anything
 * unexpected a 500 that is logged here and never shows a stack trace.
 */
final class ApiErrors {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  private ApiErrors() {}

  static HttpResponse response(StatusCode status, String code, String message) {
    return response(status, code, null, message);
  }

  static HttpResponse response(StatusCode status, String code, String field, String message) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("error", code).put("message", message);
    if (field != null) body.put("field", field);
    HttpResponse response = HttpResponse.create().withStatus(status).withEntity(
        HttpEntities.create(ContentTypes.APPLICATION_JSON, write(body)));
    if (status.equals(StatusCodes.UNAUTHORIZED)) {
      response = response.addHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "actorshop")));
    } else if (status.equals(StatusCodes.SERVICE_UNAVAILABLE)) {
      response = response.addHeader(RawHeader.create("Retry-After", "1"));
    }
    return response;
  }

  static HttpResponse unavailable() {
    return response(StatusCodes.SERVICE_UNAVAILABLE, "unavailable",
        "the service is overloaded or a store is unreachable; retry shortly");
  }

  static final ExceptionHandler EXCEPTIONS = ExceptionHandler.newBuilder()
      .matchAny(error -> Directives.complete(toResponse(error)))
      .build();

  static HttpResponse toResponse(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ApiException e) {
      return response(e.status, e.code, e.field, e.getMessage());
    }
    if (cause instanceof UserException e) {
      return switch (e.reason()) {
        case INVALID_INPUT -> response(StatusCodes.BAD_REQUEST, "invalid_field", e.field(), e.getMessage());
        case USERNAME_TAKEN -> response(StatusCodes.CONFLICT, "username_taken", "username", e.getMessage());
        case INVALID_CREDENTIALS -> response(StatusCodes.UNAUTHORIZED, "invalid_credentials", e.getMessage());
        case INVALID_TOKEN -> response(StatusCodes.UNAUTHORIZED, "invalid_token", e.getMessage());
        case UNKNOWN_USER -> response(StatusCodes.NOT_FOUND, "not_found", e.getMessage());
      };
    }
    if (cause instanceof ProductException e) {
      return switch (e.reason()) {
        case INVALID_INPUT -> response(StatusCodes.BAD_REQUEST, "invalid_field", e.field(), e.getMessage());
        case UNKNOWN_PRODUCT -> response(StatusCodes.NOT_FOUND, "not_found", e.getMessage());
        case CONFLICT -> response(StatusCodes.CONFLICT, "conflict", e.field(), e.getMessage());
      };
    }
    if (cause instanceof SaleException e) {
      return switch (e.reason()) {
        case INVALID_INPUT -> response(StatusCodes.BAD_REQUEST, "invalid_field", e.field(), e.getMessage());
        case NOT_FOUND -> response(StatusCodes.NOT_FOUND, "not_found", e.getMessage());
        case NOT_STARTED -> response(StatusCodes.FORBIDDEN, "sale_not_started", e.getMessage());
        case ENDED -> response(StatusCodes.CONFLICT, "sale_ended", e.getMessage());
        case STOCK_UNAVAILABLE -> response(StatusCodes.CONFLICT, "stock_unavailable", e.field(), e.getMessage());
        case RATE_LIMITED -> response(StatusCodes.TOO_MANY_REQUESTS, "rate_limited", e.getMessage())
            .addHeader(RawHeader.create("Retry-After",
                String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000))));
        case UNAVAILABLE -> unavailable();
      };
    }
    if (cause instanceof SaleRefusedException e) {
      return switch (e.refusal()) {
        case NO_SALE, UNKNOWN_ORDER -> response(StatusCodes.NOT_FOUND, "not_found", e.getMessage());
        case NOT_STARTED -> response(StatusCodes.FORBIDDEN, "sale_not_started", e.getMessage());
        case WRONG_CODE -> response(StatusCodes.FORBIDDEN, "wrong_code", e.getMessage());
        case QUANTITY -> response(StatusCodes.BAD_REQUEST, "invalid_field", "quantity", e.getMessage());
        case ENDED -> response(StatusCodes.CONFLICT, "sale_ended", e.getMessage());
        case ALREADY_BOUGHT -> response(StatusCodes.CONFLICT, "already_bought", e.getMessage());
        case SOLD_OUT -> response(StatusCodes.CONFLICT, "sold_out", e.getMessage());
        case PAYMENT_EXPIRED -> response(StatusCodes.CONFLICT, "payment_expired", e.getMessage());
        case ALREADY_PAID -> response(StatusCodes.CONFLICT, "already_paid", e.getMessage());
        case RELEASED -> response(StatusCodes.CONFLICT, "order_released", e.getMessage());
        case NOT_DUE, ALLOCATION, ORDER_ID_TAKEN, ARCHIVED, NOT_SETTLED ->
            response(StatusCodes.CONFLICT, "conflict", e.getMessage());
        case OVERLOADED -> response(StatusCodes.SERVICE_UNAVAILABLE, "overloaded", e.getMessage());
      };
    }
    if (cause instanceof MongoException) {
      log.warn("MongoDB unavailable: {}", cause.getMessage());
      return unavailable();
    }
    if (cause instanceof TimeoutException) {
      return unavailable();
    }
    if (cause instanceof EntityStreamSizeException) {
      return tooLarge();
    }
    log.error("Unexpected failure answering a request", cause);
    return response(StatusCodes.INTERNAL_SERVER_ERROR, "internal_error", "unexpected error; it has been logged");
  }

  private static HttpResponse tooLarge() {
    return response(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large", "request body is larger than allowed");
  }

  static final RejectionHandler REJECTIONS = RejectionHandler.newBuilder()
      .handle(MalformedRequestContentRejection.class, r -> Directives.complete(
          unwrap(r.getCause()) instanceof EntityStreamSizeException
              ? tooLarge()
              : response(StatusCodes.BAD_REQUEST, "malformed_request", r.message())))
      .handle(AuthorizationFailedRejection.class, r -> Directives.complete(
          response(StatusCodes.FORBIDDEN, "forbidden", "this needs the admin role")))
      .handleAll(MethodRejection.class, rs -> Directives.complete(
          response(StatusCodes.METHOD_NOT_ALLOWED, "method_not_allowed", "allowed: "
              + rs.stream().map(r -> r.supported().name()).distinct().collect(Collectors.joining(", ")))))
      .handleNotFound(Directives.extractUnmatchedPath(path -> Directives.complete(
          response(StatusCodes.NOT_FOUND, "not_found", "no such resource: " + path))))
      .build()
      .withFallback(RejectionHandler.defaultHandler())
      .mapRejectionResponse(ApiErrors::asJson);

  /** Turns the default handler's plain-text rejections into the JSON contract. */
  private static HttpResponse asJson(HttpResponse response) {
    if (response.entity().getContentType().equals(ContentTypes.APPLICATION_JSON)) return response;
    String text = response.entity() instanceof HttpEntity.Strict strict
        ? strict.getData().utf8String()
        : response.status().reason();
    String code = response.status().reason().toLowerCase(Locale.ROOT).replace(' ', '_');
    return response(response.status(), code, text);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String write(ObjectNode body) {
    try {
      return Json.MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
