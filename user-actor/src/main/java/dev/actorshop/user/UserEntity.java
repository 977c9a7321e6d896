package dev.actorshop.user;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.BackoffSupervisorStrategy;
import akka.actor.typed.SupervisorStrategy;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.pattern.StatusReply;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.actorshop.conf.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One user: account, password hash, the one live session, the recent-interest window and the
 * rated set. The single writer of all of it, so "a new login ends the old session everywhere" and
 * "a repeated event is applied once" need no lock: every node asks this entity.
 *
 * <p>Slow or random work (bcrypt, token generation, clocks, event ids) happens before a command is
 * sent ({@link Users}); commands carry their results, event handlers stay pure.
 */
public final class UserEntity
    extends EventSourcedBehaviorWithEnforcedReplies<UserEntity.Command, UserEntity.Event, UserEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "User");
  /** Cluster role of the nodes that host user shards. */
  public static final String ROLE = "entities";

  public static void init(ActorSystem<?> system, UserSettings settings) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), settings)).withRole(ROLE));
  }

  public static Behavior<Command> create(String userId, UserSettings settings) {
    return new UserEntity(userId, settings);
  }

  /** Shared by every user entity, like the empty state: one object each instead of one per live user. */
  private static final BackoffSupervisorStrategy ON_WRITE_FAILURE =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2);

  private final String userId;
  private final UserSettings settings;

  private UserEntity(String userId, UserSettings settings) {
    super(PersistenceId.of(ENTITY_KEY.name(), userId), ON_WRITE_FAILURE);
    this.userId = userId;
    this.settings = settings;
  }

  // ---------------------------------------------------------------------------------------------
  // State

  public enum Role { USER, ADMIN }

  public enum InteractionType { RATING, CLICK }

  /** One entry of the recent-interest window; {@code score} is null for clicks. */
  public record Interaction(String productId, Double score, InteractionType type, Instant at)
      implements CborSerializable {}

  /** The latest rating of one product, with the event id that set it. */
  public record Rating(double score, Instant at, String eventId) implements CborSerializable {}

  /**
   * Immutable; every event handler returns a new one. {@code username == null} until registered.
   * {@code recentEventIds} bounds how far back a redelivered event is still recognised.
   */
  public record State(
      String username,
      String passwordHash,
      Role role,
      Instant registeredAt,
      String sessionTokenHash,
      List<Interaction> recent,
      Map<String, Rating> ratings,
      List<String> recentEventIds)
      implements CborSerializable {

    private static final State EMPTY = new State(null, null, null, null, null, List.of(), Map.of(), List.of());

    public static State empty() {
      return EMPTY;
    }

    @JsonIgnore
    public boolean isRegistered() {
      return username != null;
    }

    boolean hasSeen(String eventId) {
      return recentEventIds.contains(eventId);
    }

    boolean isSession(String tokenHash) {
      return sessionTokenHash != null
          && MessageDigest.isEqual(
              sessionTokenHash.getBytes(StandardCharsets.US_ASCII),
              tokenHash.getBytes(StandardCharsets.US_ASCII));
    }

    State withSession(String tokenHash) {
      return new State(username, passwordHash, role, registeredAt, tokenHash, recent, ratings, recentEventIds);
    }

    State withInteraction(Interaction interaction, String eventId, UserSettings settings) {
      List<Interaction> window = new ArrayList<>(recent.size() + 1);
      // Newest first by the time the interaction happened, which a late Kafka record may predate.
      int at = 0;
      while (at < recent.size() && !recent.get(at).at().isBefore(interaction.at())) at++;
      window.addAll(recent.subList(0, at));
      window.add(interaction);
      window.addAll(recent.subList(at, recent.size()));
      List<Interaction> bounded =
          List.copyOf(window.subList(0, Math.min(window.size(), settings.recentWindowSize())));

      Map<String, Rating> rated = ratings;
      if (interaction.type() == InteractionType.RATING) {
        Rating previous = ratings.get(interaction.productId());
        if (previous == null || !previous.at().isAfter(interaction.at())) {
          Map<String, Rating> copy = new HashMap<>(ratings);
          copy.put(interaction.productId(), new Rating(interaction.score(), interaction.at(), eventId));
          rated = Map.copyOf(copy);
        }
      }

      int keep = Math.min(recentEventIds.size(), settings.dedupeWindow() - 1);
      List<String> seen = new ArrayList<>(keep + 1);
      seen.addAll(recentEventIds.subList(recentEventIds.size() - keep, recentEventIds.size()));
      seen.add(eventId);
      return new State(
          username, passwordHash, role, registeredAt, sessionTokenHash, bounded, rated, List.copyOf(seen));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  public sealed interface Command extends CborSerializable {}

  /** {@code passwordHash} is null for accounts created by an import (no usable password). */
  public record Register(String username, String passwordHash, Role role, Instant at,
                         ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record ChangePassword(String passwordHash, Instant at, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record GetCredentials(ActorRef<Credentials> replyTo) implements Command {}

  /** Starts the one live session; the previous token stops working at once. */
  public record StartSession(String tokenHash, Instant at, ActorRef<StatusReply<Principal>> replyTo)
      implements Command {}

  public record EndSession(String tokenHash, Instant at, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Authenticate(String tokenHash, ActorRef<StatusReply<Principal>> replyTo)
      implements Command {}

  public record Rate(String productId, double score, Instant at, String eventId,
                     ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record Click(String productId, Instant at, String eventId, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record GetProfile(ActorRef<StatusReply<Profile>> replyTo) implements Command {}

  /** One row of a bulk import; {@code eventId} is derived from the row, so a re-import is a no-op. */
  public record ImportedRating(String productId, double score, Instant at, String eventId)
      implements CborSerializable {}

  /**
   * Ratings from a bulk import, in one journal write. An unknown user is created on the fly without
   * a usable password. Ratings already applied, or older than the user's current rating of the
   * product, change nothing.
   */
  public record ImportRatings(String username, List<ImportedRating> ratings, Instant at,
                              ActorRef<StatusReply<ImportResult>> replyTo) implements Command {}

  // ---------------------------------------------------------------------------------------------
  // Replies: snapshots of the state, never the live State.

  public record Credentials(boolean registered, String passwordHash, Role role) implements CborSerializable {}

  public record Principal(String userId, String username, Role role) implements CborSerializable {
    @JsonIgnore
    public boolean isAdmin() {
      return role == Role.ADMIN;
    }
  }

  public record Profile(String userId, String username, Role role, Instant registeredAt,
                        List<Interaction> recent, int ratedCount) implements CborSerializable {}

  // ---------------------------------------------------------------------------------------------
  // Events

  public sealed interface Event extends CborSerializable {
    String userId();
  }

  public record UserRegistered(String userId, String username, String passwordHash, Role role, Instant at)
      implements Event {}

  public record PasswordChanged(String userId, String passwordHash, Instant at) implements Event {}

  public record SessionStarted(String userId, String tokenHash, Instant at) implements Event {}

  public record SessionEnded(String userId, String tokenHash, Instant at) implements Event {}

  /**
   * {@code previousScore}: the rating of this product it replaces in the rated set, null when the
   * product was not rated before. {@code outdated}: older than the product's current rating, so it
   * enters the recent window but leaves the rated set alone. Read models need both to stay exact.
   */
  public record ItemRated(String userId, String productId, double score, Instant at, String eventId,
                          Double previousScore, boolean outdated)
      implements Event {}

  /** The result of an {@link ImportRatings}: how many ratings were new and how many already known. */
  public record ImportResult(int applied, int unchanged) implements CborSerializable {}

  public record ItemClicked(String userId, String productId, Instant at, String eventId) implements Event {}

  // ---------------------------------------------------------------------------------------------
  // Behaviour

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return event instanceof ItemRated || event instanceof ItemClicked
        ? Set.of(UserEventTags.tagFor(event.userId()))
        : Set.of();
  }

  /**
   * One method for every command instead of Akka's handler builder. A user entity stays in memory
   * while its buyer is active, so its size counts: the builder's 19 cases, each with its lambdas and
   * list cell, cost about 2.9 KB in every live user; this costs one method reference.
   */
  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return this::onCommand;
  }

  private ReplyEffect<Event, State> onCommand(State state, Command command) {
    if (command instanceof GetCredentials c) {
      return Effect().reply(c.replyTo(), new Credentials(state.isRegistered(), state.passwordHash(), state.role()));
    }
    if (command instanceof ImportRatings c) return onImportRatings(state, c);
    if (command instanceof Register c) {
      return state.isRegistered() ? Effect().reply(c.replyTo(), StatusReply.error("username is taken")) : onRegister(c);
    }
    if (!state.isRegistered()) return refuseUnknown(command);
    if (command instanceof Authenticate c) return onAuthenticate(state, c);
    if (command instanceof StartSession c) return onStartSession(state, c);
    if (command instanceof EndSession c) return onEndSession(state, c);
    if (command instanceof ChangePassword c) return onChangePassword(c);
    if (command instanceof Rate c) return onRate(state, c);
    if (command instanceof Click c) return onClick(state, c);
    if (command instanceof GetProfile c) return onGetProfile(state, c);
    throw new IllegalArgumentException("unexpected command " + command.getClass().getName());
  }

  /** Anything but registering or importing, sent to a user that does not exist. */
  private ReplyEffect<Event, State> refuseUnknown(Command command) {
    if (command instanceof Authenticate c) return Effect().reply(c.replyTo(), invalidToken());
    if (command instanceof StartSession c) return Effect().reply(c.replyTo(), unknownUser());
    if (command instanceof EndSession c) return Effect().reply(c.replyTo(), unknownUser());
    if (command instanceof ChangePassword c) return Effect().reply(c.replyTo(), unknownUser());
    if (command instanceof Rate c) return Effect().reply(c.replyTo(), unknownUser());
    if (command instanceof Click c) return Effect().reply(c.replyTo(), unknownUser());
    if (command instanceof GetProfile c) return Effect().reply(c.replyTo(), unknownUser());
    throw new IllegalArgumentException("unexpected command " + command.getClass().getName());
  }

  private ReplyEffect<Event, State> onRegister(Register cmd) {
    return Effect()
        .persist(new UserRegistered(userId, cmd.username(), cmd.passwordHash(), cmd.role(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> onChangePassword(ChangePassword cmd) {
    return Effect()
        .persist(new PasswordChanged(userId, cmd.passwordHash(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> onStartSession(State state, StartSession cmd) {
    if (state.passwordHash() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("account has no password"));
    }
    return Effect()
        .persist(new SessionStarted(userId, cmd.tokenHash(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(principal(s)));
  }

  private ReplyEffect<Event, State> onEndSession(State state, EndSession cmd) {
    if (!state.isSession(cmd.tokenHash())) {
      return Effect().reply(cmd.replyTo(), invalidToken());
    }
    return Effect()
        .persist(new SessionEnded(userId, cmd.tokenHash(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> onAuthenticate(State state, Authenticate cmd) {
    return state.isSession(cmd.tokenHash())
        ? Effect().reply(cmd.replyTo(), StatusReply.success(principal(state)))
        : Effect().reply(cmd.replyTo(), invalidToken());
  }

  private ReplyEffect<Event, State> onRate(State state, Rate cmd) {
    if (cmd.at() == null || cmd.eventId() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("a rating needs a time and an event id"));
    }
    if (state.hasSeen(cmd.eventId()) || sameRating(state, cmd)) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return UserValidation.productIdProblem(cmd.productId())
        .or(() -> UserValidation.scoreProblem(cmd.score()))
        .<ReplyEffect<Event, State>>map(problem -> Effect().reply(cmd.replyTo(), StatusReply.error(problem)))
        .orElseGet(() -> Effect()
            .persist(rated(state.ratings().get(cmd.productId()), cmd.productId(), cmd.score(), cmd.at(), cmd.eventId()))
            .thenReply(cmd.replyTo(), s -> StatusReply.ack()));
  }

  private ItemRated rated(Rating current, String productId, double score, Instant at, String eventId) {
    boolean outdated = current != null && current.at().isAfter(at);
    Double previous = current == null || outdated ? null : current.score();
    return new ItemRated(userId, productId, score, at, eventId, previous, outdated);
  }

  private ReplyEffect<Event, State> onImportRatings(State state, ImportRatings cmd) {
    for (ImportedRating r : cmd.ratings()) {
      Optional<String> problem = UserValidation.productIdProblem(r.productId())
          .or(() -> UserValidation.scoreProblem(r.score()))
          .or(() -> r.at() == null || r.eventId() == null ? Optional.of("needs a time and an event id") : Optional.empty());
      if (problem.isPresent()) {
        return Effect().reply(cmd.replyTo(), StatusReply.error("rating of " + r.productId() + ": " + problem.get()));
      }
    }
    List<Event> events = new ArrayList<>(cmd.ratings().size() + 1);
    if (!state.isRegistered()) {
      events.add(new UserRegistered(userId, cmd.username(), null, Role.USER, cmd.at()));
    }
    // Ratings earlier in this batch count as current for later ones.
    Map<String, Rating> current = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (ImportedRating r : cmd.ratings()) {
      Rating existing = current.containsKey(r.productId()) ? current.get(r.productId()) : state.ratings().get(r.productId());
      boolean known = state.hasSeen(r.eventId()) || !seen.add(r.eventId())
          || (existing != null && (existing.eventId().equals(r.eventId()) || existing.at().isAfter(r.at())));
      if (known) continue;
      events.add(rated(existing, r.productId(), r.score(), r.at(), r.eventId()));
      current.put(r.productId(), new Rating(r.score(), r.at(), r.eventId()));
    }
    int applied = (int) events.stream().filter(ItemRated.class::isInstance).count();
    ImportResult result = new ImportResult(applied, cmd.ratings().size() - applied);
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> StatusReply.success(result));
  }

  /** A redelivery older than the dedupe window is still recognised by its rating's event id. */
  private static boolean sameRating(State state, Rate cmd) {
    Rating current = state.ratings().get(cmd.productId());
    return current != null && current.eventId().equals(cmd.eventId());
  }

  private ReplyEffect<Event, State> onClick(State state, Click cmd) {
    if (cmd.at() == null || cmd.eventId() == null) {
      return Effect().reply(cmd.replyTo(), StatusReply.error("a click needs a time and an event id"));
    }
    if (state.hasSeen(cmd.eventId())) {
      return Effect().reply(cmd.replyTo(), StatusReply.ack());
    }
    return UserValidation.productIdProblem(cmd.productId())
        .<ReplyEffect<Event, State>>map(problem -> Effect().reply(cmd.replyTo(), StatusReply.error(problem)))
        .orElseGet(() -> Effect()
            .persist(new ItemClicked(userId, cmd.productId(), cmd.at(), cmd.eventId()))
            .thenReply(cmd.replyTo(), s -> StatusReply.ack()));
  }

  private ReplyEffect<Event, State> onGetProfile(State state, GetProfile cmd) {
    return Effect().reply(cmd.replyTo(), StatusReply.success(new Profile(
        userId, state.username(), state.role(), state.registeredAt(), state.recent(), state.ratings().size())));
  }

  private Principal principal(State state) {
    return new Principal(userId, state.username(), state.role());
  }

  private static <T> StatusReply<T> unknownUser() {
    return StatusReply.error("unknown user");
  }

  private static <T> StatusReply<T> invalidToken() {
    return StatusReply.error("invalid or expired token");
  }

  // ---------------------------------------------------------------------------------------------
  // Event handlers: pure functions of (state, event).

  @Override
  public EventHandler<State, Event> eventHandler() {
    return this::apply;
  }

  private State apply(State state, Event event) {
    if (event instanceof ItemRated e) {
      return state.withInteraction(
          new Interaction(e.productId(), e.score(), InteractionType.RATING, e.at()), e.eventId(), settings);
    }
    if (event instanceof ItemClicked e) {
      return state.withInteraction(
          new Interaction(e.productId(), null, InteractionType.CLICK, e.at()), e.eventId(), settings);
    }
    if (event instanceof SessionStarted e) return state.withSession(e.tokenHash());
    if (event instanceof SessionEnded) return state.withSession(null);
    if (event instanceof UserRegistered e) {
      return new State(e.username(), e.passwordHash(), e.role(), e.at(), null, List.of(), Map.of(), List.of());
    }
    if (event instanceof PasswordChanged e) {   // a new password ends the live session too
      return new State(state.username(), e.passwordHash(), state.role(), state.registeredAt(), null,
          state.recent(), state.ratings(), state.recentEventIds());
    }
    throw new IllegalArgumentException("unexpected event " + event.getClass().getName());
  }
}
