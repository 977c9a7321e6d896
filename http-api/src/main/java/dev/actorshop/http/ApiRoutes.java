package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.concat;
import static akka.http.javadsl.server.Directives.handleExceptions;
import static akka.http.javadsl.server.Directives.handleRejections;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.withRequestTimeoutResponse;

import akka.http.javadsl.server.Route;
import dev.actorshop.user.Users;

/** Every route of the public API under {@code /api}, wrapped in the error contract. */
public final class ApiRoutes {
  private ApiRoutes() {}

  public static Route create(Users users) {
    Auth auth = new Auth(users);
    UserRoutes userRoutes = new UserRoutes(users, auth);
    Route api = pathPrefix("api", () -> concat(userRoutes.routes()));
    return withRequestTimeoutResponse(request -> ApiErrors.unavailable(), () ->
        handleRejections(ApiErrors.REJECTIONS, () ->
            handleExceptions(ApiErrors.EXCEPTIONS, () -> api)));
  }
}
