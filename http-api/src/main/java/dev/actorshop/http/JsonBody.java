package dev.actorshop.http;

import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request body read as one JSON object, with accessors that reject a missing, wrong-typed or
 * unknown field by name. Parsing by hand (not into a class) is what lets every 400 say which field.
 */
final class JsonBody {
  private final JsonNode node;

  private JsonBody(JsonNode node) {
    this.node = node;
  }

  static JsonBody parse(String text, Set<String> allowedFields) {
    JsonNode node;
    try {
      node = text.isBlank() ? null : Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw ApiException.malformed("request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) throw ApiException.malformed("request body must be a JSON object");
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowedFields.contains(name)) {
        throw new ApiException(StatusCodes.BAD_REQUEST, "unknown_field", name,
            "unknown field " + name + " (expected " + String.join(", ", allowedFields.stream().sorted().toList()) + ")");
      }
    }
    return new JsonBody(node);
  }

  String requiredText(String field) {
    return optionalText(field).orElseThrow(() -> ApiException.missingField(field));
  }

  Optional<String> optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isTextual()) throw ApiException.invalidField(field, "must be a string");
    return Optional.of(value.textValue());
  }

  double requiredNumber(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) throw ApiException.missingField(field);
    if (!value.isNumber()) throw ApiException.invalidField(field, "must be a number");
    return value.doubleValue();
  }
}
