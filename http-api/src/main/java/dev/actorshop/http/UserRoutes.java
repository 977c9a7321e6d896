package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.delete;
import static akka.http.javadsl.server.Directives.get;
import static akka.http.javadsl.server.Directives.onSuccess;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;
import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.actorshop.user.UserEntity;
import dev.actorshop.user.UserEntity.Principal;
import dev.actorshop.user.Users;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Accounts, sessions and interactions. Thin: parse and name bad fields, call {@link Users}, shape
 * the answer. Rules live in user-actor.
 */
final class UserRoutes {
  private static final int MAX_EVENT_ID_CHARS = 128;

  record Registered(String userId, String username) {}

  record SessionView(String token, String userId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RecentItem(String productId, Double score, String type, Instant at) {}

  record ProfileView(String userId, String username, String role, Instant registeredAt,
                     List<RecentItem> recent, int ratedCount) {}

  record Recorded(String productId, Double score, String eventId, Instant at) {}

  private final Users users;
  private final Auth auth;
  private final Clock clock = Clock.systemUTC();

  UserRoutes(Users users, Auth auth) {
    this.users = users;
    this.auth = auth;
  }

  Route routes() {
    return concat(
        path("users", () -> post(this::register)),
        pathPrefix("users", () -> path("me", () -> get(() -> auth.authenticated(this::profileOf)))),
        pathPrefix("sessions", () -> pathEndOrSingleSlash(() -> concat(
            post(this::login),
            delete(() -> auth.bearerToken(token ->
                onSuccess(users.logout(token), done -> complete(StatusCodes.NO_CONTENT))))))),
        path("ratings", () -> post(() -> auth.authenticated(this::rate))),
        path("clicks", () -> post(() -> auth.authenticated(this::click))),
        pathPrefix("admin", () -> path(segment("users").slash(segment()), userId ->
            get(() -> auth.admin(admin -> profile(userId))))));
  }

  private Route register() {
    return body(Set.of("username", "password"), body -> onSuccess(
        users.register(body.requiredText("username"), body.requiredText("password")),
        principal -> complete(StatusCodes.CREATED,
            new Registered(principal.userId(), principal.username()), Json.marshaller())));
  }

  private Route login() {
    return body(Set.of("username", "password"), body -> onSuccess(
        users.login(body.requiredText("username"), body.requiredText("password")),
        session -> complete(StatusCodes.OK, new SessionView(session.token(), session.userId()), Json.marshaller())));
  }

  private Route rate(Principal principal) {
    return body(Set.of("productId", "score", "eventId"), body -> {
      String productId = body.requiredText("productId");
      double score = body.requiredNumber("score");
      String eventId = eventId(body);
      Instant at = clock.instant();
      return onSuccess(users.rate(principal.userId(), productId, score, at, eventId),
          done -> complete(StatusCodes.CREATED, new Recorded(productId, score, eventId, at), Json.marshaller()));
    });
  }

  private Route click(Principal principal) {
    return body(Set.of("productId", "eventId"), body -> {
      String productId = body.requiredText("productId");
      String eventId = eventId(body);
      Instant at = clock.instant();
      return onSuccess(users.click(principal.userId(), productId, at, eventId),
          done -> complete(StatusCodes.CREATED, new Recorded(productId, null, eventId, at), Json.marshaller()));
    });
  }

  private Route profileOf(Principal principal) {
    return profile(principal.userId());
  }

  private Route profile(String userId) {
    return onSuccess(users.profile(userId), profile -> complete(StatusCodes.OK, view(profile), Json.marshaller()));
  }

  private static ProfileView view(UserEntity.Profile profile) {
    List<RecentItem> recent = profile.recent().stream()
        .map(i -> new RecentItem(i.productId(), i.score(), i.type().name().toLowerCase(Locale.ROOT), i.at()))
        .toList();
    return new ProfileView(profile.userId(), profile.username(), profile.role().name().toLowerCase(Locale.ROOT),
        profile.registeredAt(), recent, profile.ratedCount());
  }

  /** A client may send its own eventId to make retries safe; otherwise each request is new. */
  private static String eventId(JsonBody body) {
    String eventId = body.optionalText("eventId").orElseGet(() -> UUID.randomUUID().toString());
    if (eventId.isEmpty() || eventId.length() > MAX_EVENT_ID_CHARS) {
      throw ApiException.invalidField("eventId", "must be 1 to " + MAX_EVENT_ID_CHARS + " characters");
    }
    return eventId;
  }

  private static Route body(Set<String> fields, Function<JsonBody, Route> inner) {
    return JsonBody.route(fields, inner);
  }
}
