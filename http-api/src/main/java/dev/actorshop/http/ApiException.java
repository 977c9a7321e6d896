package dev.actorshop.http;

import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;

/** A client's mistake found at the edge, answered as {@code {"error", "message", "field"?}}. */
final class ApiException extends RuntimeException {
  final StatusCode status;
  final String code;
  final String field;

  ApiException(StatusCode status, String code, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ApiException invalidField(String field, String problem) {
    return new ApiException(StatusCodes.BAD_REQUEST, "invalid_field", field, field + " " + problem);
  }

  static ApiException missingField(String field) {
    return new ApiException(StatusCodes.BAD_REQUEST, "missing_field", field, field + " is required");
  }

  static ApiException malformed(String message) {
    return new ApiException(StatusCodes.BAD_REQUEST, "malformed_request", null, message);
  }
}
