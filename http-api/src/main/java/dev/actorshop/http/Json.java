package dev.actorshop.http;

import akka.http.javadsl.marshalling.Marshaller;
import akka.http.javadsl.marshallers.jackson.Jackson;
import akka.http.javadsl.model.RequestEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The API's one ObjectMapper: ISO-8601 instants, no nulls in responses. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  static <T> Marshaller<T, RequestEntity> marshaller() {
    return Jackson.marshaller(MAPPER);
  }
}
