package dev.actorshop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The bench's HTTP client of a running node: the public API only, as any program would call it. */
final class ShopClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Reply(int status, JsonNode body) {
    String text(String field) {
      return body.path(field).asText();
    }

    /** The API's error code ("sold_out", "rate_limited", ...) or "http_<status>". */
    String errorCode() {
      String code = body.path("error").asText("");
      return code.isEmpty() ? "http_" + status : code;
    }
  }

  private final URI base;
  private final HttpClient http;

  ShopClient(URI base) {
    this.base = base;
    // Two threads for the client's own work: the node under test needs the rest of the machine.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(2, r -> {
          Thread t = new Thread(r, "bench-http");
          t.setDaemon(true);
          return t;
        }))
        .build();
  }

  CompletableFuture<Reply> send(String method, String path, String token, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) request.header("Authorization", "Bearer " + token);
    try {
      request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (body != null) request.header("Content-Type", "application/json");
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> new Reply(response.statusCode(), parse(response.body())));
  }

  Reply call(String method, String path, String token, Object body) {
    return send(method, path, token, body).join();
  }

  /** A call that must succeed with the given status; anything else stops the bench with the node's answer. */
  Reply expect(int status, String method, String path, String token, Object body) {
    Reply reply = call(method, path, token, body);
    if (reply.status() != status) {
      throw new IllegalStateException(method + " " + path + " answered " + reply.status() + ": " + reply.body());
    }
    return reply;
  }

  String login(String username, String password) {
    return expect(200, "POST", "/api/sessions", null, Map.of("username", username, "password", password)).text("token");
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) return JSON.nullNode();
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
