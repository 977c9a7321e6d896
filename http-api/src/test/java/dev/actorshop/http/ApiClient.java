package dev.actorshop.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A black-box client of the API, as a user's program would call it. */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    public String text(String field) {
      return body.path(field).asText();
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public ApiClient(InetSocketAddress address) {
    this.base = "http://" + address.getHostString() + ":" + address.getPort();
  }

  public Reply post(String path, String token, String json) {
    return post(path, token, "application/json", json);
  }

  /** A POST with a body of the given content type (CSV, NDJSON). */
  public Reply post(String path, String token, String contentType, String body) {
    return send(request(path, token).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply send(String method, String path, String token, String json) {
    HttpRequest.BodyPublisher body =
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
    return send(request(path, token).header("Content-Type", "application/json").method(method, body));
  }

  /** A GET with one header of the caller's choosing, answered as it came. */
  public HttpResponse<String> rawGet(String path, String header, String value) {
    try {
      return http.send(request(path, null).header(header, value).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply register(String username, String password) {
    return post("/api/users", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  public Reply login(String username, String password) {
    return post("/api/sessions", null, "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
  }

  public Reply rate(String token, String productId, double score) {
    return post("/api/ratings", token, "{\"productId\":\"" + productId + "\",\"score\":" + score + "}");
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (token != null) builder.header("Authorization", "Bearer " + token);
    return builder;
  }

  private Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(response.body());
      return new Reply(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
