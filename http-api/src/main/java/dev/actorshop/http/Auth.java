package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.onSuccess;
import static akka.http.javadsl.server.Directives.optionalHeaderValueByName;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import dev.actorshop.user.UserEntity.Principal;
import dev.actorshop.user.Users;
import java.util.Optional;
import java.util.function.Function;

/**
 * Bearer-token directives. Every request asks the user's entity, which holds the one live session,
 * so a token revoked by a new login or a logout stops working at once on every node.
 */
final class Auth {
  private static final String BEARER = "Bearer ";
  private final Users users;

  Auth(Users users) {
    this.users = users;
  }

  /** The raw bearer token, or 401 when there is none. */
  Route bearerToken(Function<String, Route> inner) {
    return optionalHeaderValueByName("Authorization", header -> token(header)
        .map(inner)
        .orElseGet(() -> complete(ApiErrors.response(StatusCodes.UNAUTHORIZED, "missing_token",
            "send Authorization: Bearer <token> (from POST /api/sessions)"))));
  }

  /** The caller's principal, or 401 for a missing, unknown or revoked token. */
  Route authenticated(Function<Principal, Route> inner) {
    return bearerToken(token -> onSuccess(users.authenticate(token), inner));
  }

  /** As {@link #authenticated}, and 403 unless the caller is an administrator. */
  Route admin(Function<Principal, Route> inner) {
    return authenticated(principal -> principal.isAdmin()
        ? inner.apply(principal)
        : complete(ApiErrors.response(StatusCodes.FORBIDDEN, "forbidden", "this needs the admin role")));
  }

  private static Optional<String> token(Optional<String> header) {
    return header
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(value -> value.substring(BEARER.length()).trim())
        .filter(value -> !value.isEmpty());
  }
}
