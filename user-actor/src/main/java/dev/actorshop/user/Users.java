package dev.actorshop.user;

import static dev.actorshop.conf.Futures.plain;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.pattern.StatusReply;
import dev.actorshop.conf.Dispatchers;
import dev.actorshop.conf.Futures;
import dev.actorshop.contracts.ImportedIds;
import dev.actorshop.user.UserEntity.Command;
import dev.actorshop.user.UserEntity.Principal;
import dev.actorshop.user.UserEntity.Profile;
import dev.actorshop.user.UserEntity.Role;
import dev.actorshop.user.UserException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the edges (HTTP, later Kafka and import) do with users: validation, bcrypt on the crypto
 * dispatcher, token generation, then one ask to the user's entity. Failures arrive as
 * {@link UserException} (the caller's mistake) or a timeout (the store or the cluster is slow).
 */
public final class Users {
  /** The bootstrapped administrator; nobody can register this name. */
  public static final String ADMIN_USER_ID = "admin";
  /** Accounts created by a bulk import are named {@code ml-<external id>}; nobody registers such a name. */
  public static final String IMPORTED_PREFIX = ImportedIds.USER_PREFIX;

  /** A started session: the bearer token is shown once, here, and stored only as a hash. */
  public record Session(String token, String userId, Role role) {}

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final PasswordHasher hasher;
  private final Executor crypto;
  private final Clock clock;

  public Users(ActorSystem<?> system, UserSettings settings) {
    this.sharding = ClusterSharding.get(system);
    this.askTimeout = settings.askTimeout();
    this.hasher = new PasswordHasher(settings.bcryptCost());
    this.crypto = system.dispatchers().lookup(DispatcherSelector.fromConfig(Dispatchers.CRYPTO));
    this.clock = Clock.systemUTC();
  }

  public CompletionStage<Principal> register(String username, String password) {
    String userId = UserValidation.userIdOf(username);
    return validated(() -> {
      UserValidation.usernameProblem(username).ifPresent(p -> { throw UserException.invalid("username", p); });
      UserValidation.passwordProblem(password).ifPresent(p -> { throw UserException.invalid("password", p); });
      if (userId.equals(ADMIN_USER_ID)) throw usernameTaken();
      if (userId.startsWith(IMPORTED_PREFIX)) {
        throw UserException.invalid("username", "must not start with '" + IMPORTED_PREFIX + "' (reserved for imported users)");
      }
    })
        .thenApplyAsync(ignored -> hasher.hash(password), crypto)
        .thenCompose(hash -> rejectedAs(
            this.<Done>askWithStatus(userId,
                replyTo -> new UserEntity.Register(username, hash, Role.USER, clock.instant(), replyTo)),
            message -> usernameTaken()))
        .thenApply(done -> new Principal(userId, username, Role.USER));
  }

  public CompletionStage<Session> login(String username, String password) {
    String userId = UserValidation.userIdOf(username);
    // A name that cannot exist never wakes an entity; the decoy check keeps the timing alike.
    CompletableFuture<UserEntity.Credentials> credentials = UserValidation.usernameProblem(username).isPresent()
        ? CompletableFuture.completedFuture(new UserEntity.Credentials(false, null, null))
        : ask(userId, UserEntity.GetCredentials::new);
    return credentials
        .thenApplyAsync(found -> hasher.verify(password, found.passwordHash()), crypto)
        .thenCompose(verified -> {
          if (!verified) throw invalidCredentials();
          String token = SessionTokens.newToken(userId);
          return rejectedAs(
              this.<Principal>askWithStatus(userId,
                  replyTo -> new UserEntity.StartSession(SessionTokens.hash(token), clock.instant(), replyTo)),
              message -> invalidCredentials())
              .thenApply(principal -> new Session(token, userId, principal.role()));
        });
  }

  public CompletionStage<Done> logout(String token) {
    return withTokenUser(token, userId -> rejectedAs(
        askWithStatus(userId,
            replyTo -> new UserEntity.EndSession(SessionTokens.hash(token), clock.instant(), replyTo)),
        message -> invalidToken()));
  }

  /** The principal of a live session's token, from the one entity that knows it. */
  public CompletionStage<Principal> authenticate(String token) {
    return withTokenUser(token, userId -> rejectedAs(
        askWithStatus(userId, replyTo -> new UserEntity.Authenticate(SessionTokens.hash(token), replyTo)),
        message -> invalidToken()));
  }

  /** Records a rating; {@code at} and {@code eventId} identify it, so a repeat is applied once. */
  public CompletionStage<Done> rate(String userId, String productId, double score, Instant at, String eventId) {
    return validated(() -> {
      UserValidation.productIdProblem(productId).ifPresent(p -> { throw UserException.invalid("productId", p); });
      UserValidation.scoreProblem(score).ifPresent(p -> { throw UserException.invalid("score", p); });
      requireOccurrence(at, eventId);
    }).thenCompose(ignored -> rejectedAs(
        askWithStatus(userId, replyTo -> new UserEntity.Rate(productId, score, at, eventId, replyTo)),
        message -> unknownUser(message)));
  }

  public CompletionStage<Done> click(String userId, String productId, Instant at, String eventId) {
    return validated(() -> {
      UserValidation.productIdProblem(productId).ifPresent(p -> { throw UserException.invalid("productId", p); });
      requireOccurrence(at, eventId);
    }).thenCompose(ignored -> rejectedAs(
        askWithStatus(userId, replyTo -> new UserEntity.Click(productId, at, eventId, replyTo)),
        message -> unknownUser(message)));
  }

  /**
   * Bulk-imported ratings of the user with external (e.g. MovieLens) id {@code externalId}, whose
   * account {@code ml-<externalId>} is created without a usable password if needed. One journal
   * write for all of them.
   */
  public CompletionStage<UserEntity.ImportResult> importRatings(String externalId, List<UserEntity.ImportedRating> ratings) {
    String username = IMPORTED_PREFIX + externalId;
    return validated(() -> {
      UserValidation.usernameProblem(username).ifPresent(p -> { throw UserException.invalid("userId", "'" + externalId
          + "' cannot name an account: " + IMPORTED_PREFIX + "<userId> " + p); });
      for (UserEntity.ImportedRating r : ratings) {
        UserValidation.productIdProblem(r.productId()).ifPresent(p -> { throw UserException.invalid("productId", p); });
        UserValidation.scoreProblem(r.score()).ifPresent(p -> { throw UserException.invalid("score", p); });
        requireOccurrence(r.at(), r.eventId());
      }
    }).thenCompose(ignored -> askWithStatus(UserValidation.userIdOf(username),
        replyTo -> new UserEntity.ImportRatings(username, ratings, clock.instant(), replyTo)));
  }

  public CompletionStage<Profile> profile(String userId) {
    return rejectedAs(
        askWithStatus(userId, UserEntity.GetProfile::new), message -> unknownUser(message));
  }

  /**
   * Makes sure the {@code admin} account exists with this password (from
   * {@code ACTORSHOP_ADMIN_PASSWORD}): creates it, or changes its password when the configured one
   * no longer matches. Safe to run on every node at every start.
   */
  public CompletionStage<Done> ensureAdmin(String password) {
    requireAdminPassword(password);
    return ask(ADMIN_USER_ID, UserEntity.GetCredentials::new)
        .thenComposeAsync(credentials -> {
          if (!credentials.registered()) {
            String hash = hasher.hash(password);
            return this.<Done>askWithStatus(ADMIN_USER_ID,
                replyTo -> new UserEntity.Register(ADMIN_USER_ID, hash, Role.ADMIN, clock.instant(), replyTo));
          }
          if (credentials.role() != Role.ADMIN) {
            throw new IllegalStateException("user 'admin' exists and is not an administrator");
          }
          if (hasher.verify(password, credentials.passwordHash())) {
            return CompletableFuture.completedFuture(Done.getInstance());
          }
          String hash = hasher.hash(password);
          return this.<Done>askWithStatus(ADMIN_USER_ID,
              replyTo -> new UserEntity.ChangePassword(hash, clock.instant(), replyTo));
        }, crypto);
  }

  /** The configured admin password follows the same rules as everyone's; a bad one stops the node. */
  public static void requireAdminPassword(String password) {
    UserValidation.passwordProblem(password).ifPresent(problem -> {
      throw new IllegalArgumentException("ACTORSHOP_ADMIN_PASSWORD " + problem);
    });
  }

  private <T> CompletableFuture<T> ask(String userId, Function<ActorRef<T>, Command> command) {
    return plain(entity(userId).ask(command::apply, askTimeout));
  }

  private <T> CompletableFuture<T> askWithStatus(String userId, Function<ActorRef<StatusReply<T>>, Command> command) {
    return plain(entity(userId).askWithStatus(command::apply, askTimeout));
  }

  private EntityRef<Command> entity(String userId) {
    return sharding.entityRefFor(UserEntity.ENTITY_KEY, userId);
  }

  private static <T> CompletionStage<T> withTokenUser(
      String token, Function<String, CompletionStage<T>> call) {
    return SessionTokens.userIdOf(token)
        .map(call)
        .orElseGet(() -> CompletableFuture.failedFuture(invalidToken()));
  }

  /** Every interaction names when it happened and carries the id that makes a repeat harmless. */
  private static void requireOccurrence(Instant at, String eventId) {
    if (at == null) throw UserException.invalid("timestamp", "is required");
    if (eventId == null || eventId.isEmpty()) throw UserException.invalid("eventId", "is required");
  }

  private static CompletionStage<Void> validated(Runnable checks) {
    try {
      checks.run();
      return CompletableFuture.completedFuture(null);
    } catch (UserException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Turns the entity's rejection (a {@link StatusReply} error) into the caller's exception. */
  private static <T> CompletionStage<T> rejectedAs(
      CompletionStage<T> reply, Function<String, UserException> rejection) {
    return reply.handle((value, error) -> {
      if (error == null) return value;
      Throwable cause = Futures.cause(error);
      if (cause instanceof StatusReply.ErrorMessage message) throw rejection.apply(message.getMessage());
      throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    });
  }

  private static UserException usernameTaken() {
    return new UserException(Reason.USERNAME_TAKEN, "username is taken");
  }

  private static UserException invalidCredentials() {
    return new UserException(Reason.INVALID_CREDENTIALS, "unknown username or wrong password");
  }

  private static UserException invalidToken() {
    return new UserException(Reason.INVALID_TOKEN, "invalid or expired token");
  }

  private static UserException unknownUser(String message) {
    return new UserException(Reason.UNKNOWN_USER, message);
  }
}
