package dev.actorshop.http;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.Route;
import akka.http.javadsl.unmarshalling.Unmarshaller;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A request body read as one JSON object, with accessors that reject a missing, wrong-typed or
 * unknown field by name. Parsing by hand (not into a class) is what lets every 400 say which field.
 */
final class JsonBody {
  private final JsonNode node;
  /** Where this object sits in the request ({@code items[2].}), for error messages; empty at the top. */
  private final String prefix;

  private JsonBody(JsonNode node) {
    this(node, "");
  }

  private JsonBody(JsonNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  /** Any content type is read as JSON, so a plain {@code curl -d '{...}'} works too. */
  static Route route(Set<String> allowedFields, Function<JsonBody, Route> inner) {
    return Directives.entity(Unmarshaller.entityToString(), text -> inner.apply(parse(text, allowedFields)));
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
    return optionalText(field).orElseThrow(() -> ApiException.missingField(prefix + field));
  }

  Optional<String> optionalText(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isTextual()) throw ApiException.invalidField(prefix + field, "must be a string");
    return Optional.of(value.textValue());
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** A list of strings, or null when absent. */
  List<String> optionalTextList(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isArray()) throw ApiException.invalidField(prefix + field, "must be an array of strings");
    List<String> list = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) throw ApiException.invalidField(prefix + field, "must be an array of strings");
      list.add(item.textValue());
    }
    return list;
  }

  /** An object of string values, or null when absent. */
  Map<String, String> optionalTextMap(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isObject()) throw ApiException.invalidField(prefix + field, "must be an object of string values");
    Map<String, String> map = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) throw ApiException.invalidField(prefix + field, "must be an object of string values");
      map.put(e.getKey(), e.getValue().textValue());
    }
    return map;
  }

  /** A decimal number, or null when absent. */
  BigDecimal optionalDecimal(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isNumber()) throw ApiException.invalidField(prefix + field, "must be a number");
    return value.decimalValue();
  }

  /** A whole number, or null when absent. */
  Long optionalLong(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw ApiException.invalidField(prefix + field, "must be a whole number");
    }
    return value.longValue();
  }

  long requiredLong(String field) {
    Long value = optionalLong(field);
    if (value == null) throw ApiException.missingField(prefix + field);
    return value;
  }

  /** An ISO-8601 instant such as {@code 2026-11-21T10:00:00Z}, or null when absent. */
  java.time.Instant optionalInstant(String field) {
    return optionalText(field).map(text -> {
      try {
        return java.time.OffsetDateTime.parse(text).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw ApiException.invalidField(prefix + field, "must be an ISO-8601 instant such as 2030-01-01T10:00:00Z");
      }
    }).orElse(null);
  }

  /** An array of objects, each read with the given allowed fields, or null when absent. */
  List<JsonBody> optionalObjects(String field, Set<String> allowedFields) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) return null;
    if (!value.isArray()) throw ApiException.invalidField(prefix + field, "must be an array of objects");
    List<JsonBody> list = new ArrayList<>(value.size());
    int i = 0;
    for (JsonNode item : value) {
      if (!item.isObject()) throw ApiException.invalidField(prefix + field + "[" + i + "]", "must be an object");
      for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!allowedFields.contains(name)) {
          String path = prefix + field + "[" + i + "]." + name;
          throw new ApiException(StatusCodes.BAD_REQUEST, "unknown_field", path, "unknown field " + path + " (expected "
                  + String.join(", ", allowedFields.stream().sorted().toList()) + ")");
        }
      }
      list.add(new JsonBody(item, prefix + field + "[" + i + "]."));
      i++;
    }
    return list;
  }

  double requiredNumber(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) throw ApiException.missingField(prefix + field);
    if (!value.isNumber()) throw ApiException.invalidField(prefix + field, "must be a number");
    return value.doubleValue();
  }
}
