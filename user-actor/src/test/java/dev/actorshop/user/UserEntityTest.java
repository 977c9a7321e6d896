package dev.actorshop.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.pattern.StatusReply;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import com.typesafe.config.ConfigFactory;
import dev.actorshop.user.UserEntity.Command;
import dev.actorshop.user.UserEntity.Event;
import dev.actorshop.user.UserEntity.InteractionType;
import dev.actorshop.user.UserEntity.Principal;
import dev.actorshop.user.UserEntity.Profile;
import dev.actorshop.user.UserEntity.Role;
import dev.actorshop.user.UserEntity.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserEntityTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final UserSettings SETTINGS = new UserSettings(3, 5, 100, 4, Duration.ofSeconds(3));

  private static final ActorTestKit testKit = ActorTestKit.create(
      EventSourcedBehaviorTestKit.config()
          .withFallback(ConfigFactory.parseResources("serialization.conf"))
          .withFallback(ConfigFactory.load()));

  private EventSourcedBehaviorTestKit<Command, Event, State> alice;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void createAlice() {
    alice = EventSourcedBehaviorTestKit.create(testKit.system(), UserEntity.create("alice", SETTINGS));
    CommandResultWithReply<Command, Event, State, StatusReply<Done>> registered =
        alice.runCommand(replyTo -> new UserEntity.Register("Alice", "hash-1", Role.USER, T0, replyTo));
    assertTrue(registered.reply().isSuccess());
  }

  @Test
  void registeringATakenNameIsRejectedWithoutAnEvent() {
    var again = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Register("alice", "hash-2", Role.USER, T0, replyTo));
    assertTrue(again.reply().isError());
    assertEquals("username is taken", again.reply().getError().getMessage());
    assertTrue(again.hasNoEvents());
    assertEquals("hash-1", again.state().passwordHash());
  }

  @Test
  void anUnregisteredUserCannotRateOrLogIn() {
    var bob = EventSourcedBehaviorTestKit.<Command, Event, State>create(
        testKit.system(), UserEntity.create("bob", SETTINGS));
    var rate = bob.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Rate("1", 4.0, T0, "e1", replyTo));
    assertTrue(rate.reply().isError());
    assertTrue(rate.hasNoEvents());
    var login = bob.<StatusReply<Principal>>runCommand(replyTo -> new UserEntity.StartSession("h", T0, replyTo));
    assertTrue(login.reply().isError());
  }

  @Test
  void aUserThatDoesNotExistRefusesEveryCommandWithoutAnEvent() {
    var bob = EventSourcedBehaviorTestKit.<Command, Event, State>create(
        testKit.system(), UserEntity.create("bob", SETTINGS));
    List<CommandResultWithReply<Command, Event, State, ? extends StatusReply<?>>> answers = List.of(
        bob.<StatusReply<Principal>>runCommand(replyTo -> new UserEntity.Authenticate("h", replyTo)),
        bob.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.EndSession("h", T0, replyTo)),
        bob.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.ChangePassword("hash-2", T0, replyTo)),
        bob.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Click("1", T0, "c1", replyTo)),
        bob.<StatusReply<Profile>>runCommand(UserEntity.GetProfile::new));
    for (var answer : answers) {
      assertTrue(answer.reply().isError(), answer.command() + " answered " + answer.reply());
      assertTrue(answer.hasNoEvents(), answer.command() + " persisted " + answer.events());
    }
    assertEquals("invalid or expired token", answers.get(0).reply().getError().getMessage());
    assertEquals("unknown user", answers.get(4).reply().getError().getMessage());
    var credentials = bob.<UserEntity.Credentials>runCommand(UserEntity.GetCredentials::new);
    assertFalse(credentials.reply().registered());
  }

  @Test
  void aNewLoginRevokesThePreviousTokenAtOnce() {
    startSession("token-hash-1");
    assertTrue(authenticate("token-hash-1").isSuccess());

    startSession("token-hash-2");
    assertTrue(authenticate("token-hash-1").isError(), "the first token must stop working");
    StatusReply<Principal> second = authenticate("token-hash-2");
    assertTrue(second.isSuccess());
    assertEquals(new Principal("alice", "Alice", Role.USER), second.getValue());
  }

  @Test
  void logoutEndsTheSessionAndOnlyForItsOwnToken() {
    startSession("token-hash-1");
    var wrong = alice.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.EndSession("other", T0, replyTo));
    assertTrue(wrong.reply().isError());
    assertTrue(authenticate("token-hash-1").isSuccess());

    var logout = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.EndSession("token-hash-1", T0, replyTo));
    assertTrue(logout.reply().isSuccess());
    assertNull(logout.state().sessionTokenHash());
    assertTrue(authenticate("token-hash-1").isError());
  }

  @Test
  void aPasswordChangeEndsTheLiveSession() {
    startSession("token-hash-1");
    var change = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.ChangePassword("hash-2", T0, replyTo));
    assertTrue(change.reply().isSuccess());
    assertEquals("hash-2", change.state().passwordHash());
    assertTrue(authenticate("token-hash-1").isError());
  }

  @Test
  void ratingsAndClicksFillTheWindowNewestFirstAndBounded() {
    rate("1", 4.0, T0, "e1");
    click("2", T0.plusSeconds(1), "e2");
    rate("3", 2.5, T0.plusSeconds(2), "e3");
    rate("4", 5.0, T0.plusSeconds(3), "e4");

    Profile profile = profile();
    assertEquals(List.of("4", "3", "2"), profile.recent().stream().map(i -> i.productId()).toList(),
        "window of 3, newest first");
    assertEquals(InteractionType.CLICK, profile.recent().get(2).type());
    assertNull(profile.recent().get(2).score());
    assertEquals(2.5, profile.recent().get(1).score());
    assertEquals(3, profile.ratedCount(), "the rated set keeps every rated product");
  }

  @Test
  void aLateEventLandsBehindNewerOnes() {
    rate("1", 4.0, T0.plusSeconds(10), "e1");
    rate("2", 3.0, T0, "e2");
    assertEquals(List.of("1", "2"), profile().recent().stream().map(i -> i.productId()).toList());
  }

  @Test
  void aRepeatedEventIdIsAcknowledgedWithoutASecondEvent() {
    rate("1", 4.0, T0, "e1");
    var repeat = alice.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Rate("1", 4.0, T0, "e1", replyTo));
    assertTrue(repeat.reply().isSuccess());
    assertTrue(repeat.hasNoEvents());

    click("9", T0, "c1");
    var repeatClick = alice.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Click("9", T0, "c1", replyTo));
    assertTrue(repeatClick.reply().isSuccess());
    assertTrue(repeatClick.hasNoEvents());
  }

  @Test
  void aRatingRedeliveredAfterTheDedupeWindowIsStillRecognised() {
    rate("1", 4.0, T0, "first");
    for (int i = 0; i < 10; i++) click("c" + i, T0.plusSeconds(i), "click-" + i);
    var repeat = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Rate("1", 4.0, T0, "first", replyTo));
    assertTrue(repeat.hasNoEvents());
  }

  @Test
  void aReRatingReplacesTheScore() {
    rate("1", 4.0, T0, "e1");
    rate("1", 2.0, T0.plusSeconds(5), "e2");
    assertEquals(2, alice.getState().recent().size(), "both interactions are in the window");
    var state = alice.getState();
    assertEquals(2.0, state.ratings().get("1").score());
    assertEquals(1, state.ratings().size());
  }

  @Test
  void anOutOfRangeScoreIsRejected() {
    for (double bad : new double[] {0.0, 5.5, 3.2, -1}) {
      var result = alice.<StatusReply<Done>>runCommand(
          replyTo -> new UserEntity.Rate("1", bad, T0, "bad-" + bad, replyTo));
      assertTrue(result.reply().isError(), "score " + bad);
      assertTrue(result.hasNoEvents());
    }
  }

  @Test
  void stateSurvivesARestart() {
    startSession("token-hash-1");
    rate("1", 4.5, T0, "e1");
    alice.restart();
    assertTrue(authenticate("token-hash-1").isSuccess());
    assertEquals(4.5, profile().recent().get(0).score());
    assertFalse(alice.getState().recentEventIds().isEmpty());
  }

  @Test
  void ratingAndClickEventsAreTaggedForProjectionsAndNothingElseIs() {
    var result = alice.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Rate("1", 4.0, T0, "e1", replyTo));
    assertEquals(new UserEntity.ItemRated("alice", "1", 4.0, T0, "e1", null, false), result.event());

    UserEntity behavior = (UserEntity) UserEntity.create("alice", SETTINGS);
    Set<String> tag = Set.of(UserEventTags.tagFor("alice"));
    assertTrue(UserEventTags.ALL.containsAll(tag));
    assertEquals(tag, behavior.tagsFor(result.event()));
    assertEquals(tag, behavior.tagsFor(new UserEntity.ItemClicked("alice", "2", T0, "c1")));
    assertEquals(Set.of(), behavior.tagsFor(new UserEntity.SessionStarted("alice", "h", T0)));
    assertEquals(Set.of(), behavior.tagsFor(new UserEntity.UserRegistered("alice", "Alice", "h", Role.USER, T0)));
  }

  @Test
  void ratingEventsSayWhichRatingTheyReplaceSoReadModelsStayExact() {
    rate("1", 4.0, T0, "e1");
    var again = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Rate("1", 2.5, T0.plusSeconds(5), "e2", replyTo));
    assertEquals(new UserEntity.ItemRated("alice", "1", 2.5, T0.plusSeconds(5), "e2", 4.0, false), again.event());
    var late = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Rate("1", 5.0, T0.minusSeconds(5), "e3", replyTo));
    assertEquals(new UserEntity.ItemRated("alice", "1", 5.0, T0.minusSeconds(5), "e3", null, true), late.event());
    assertEquals(1, profile().ratedCount());
  }

  @Test
  void anImportCreatesAnUnknownUserWithoutAPasswordInOneWrite() {
    var carol = EventSourcedBehaviorTestKit.<Command, Event, State>create(
        testKit.system(), UserEntity.create("ml-7", SETTINGS));
    List<UserEntity.ImportedRating> rows = List.of(
        new UserEntity.ImportedRating("10", 4.0, T0, "ml:7:10"),
        new UserEntity.ImportedRating("11", 3.5, T0.plusSeconds(1), "ml:7:11"),
        new UserEntity.ImportedRating("10", 2.0, T0.minusSeconds(1), "ml:7:10-old"));
    var result = carol.<StatusReply<UserEntity.ImportResult>>runCommand(
        replyTo -> new UserEntity.ImportRatings("ml-7", rows, T0, replyTo));
    assertEquals(new UserEntity.ImportResult(2, 1), result.reply().getValue());
    assertEquals(3, result.events().size(), "registration and two ratings");
    assertNull(result.state().passwordHash());
    assertEquals(4.0, result.state().ratings().get("10").score(), "an older row does not replace a newer rating");

    var login = carol.<StatusReply<Principal>>runCommand(replyTo -> new UserEntity.StartSession("h", T0, replyTo));
    assertTrue(login.reply().isError(), "an imported account has no usable password");

    var again = carol.<StatusReply<UserEntity.ImportResult>>runCommand(
        replyTo -> new UserEntity.ImportRatings("ml-7", rows, T0, replyTo));
    assertEquals(new UserEntity.ImportResult(0, 3), again.reply().getValue());
    assertTrue(again.hasNoEvents(), "re-importing the same rows changes nothing");
  }

  @Test
  void anImportWithAnInvalidRowIsRejectedWhole() {
    var result = alice.<StatusReply<UserEntity.ImportResult>>runCommand(replyTo -> new UserEntity.ImportRatings(
        "Alice", List.of(new UserEntity.ImportedRating("1", 4.0, T0, "a"), new UserEntity.ImportedRating("2", 7.0, T0, "b")),
        T0, replyTo));
    assertTrue(result.reply().isError());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void stateRecoversFromASnapshotPlusLaterEvents() {
    var snapshotting = EventSourcedBehaviorTestKit.<Command, Event, State>create(
        testKit.system(), UserEntity.create("sam", new UserSettings(3, 5, 2, 4, Duration.ofSeconds(3))));
    snapshotting.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Register("Sam", "hash", Role.USER, T0, replyTo));
    for (int i = 1; i <= 5; i++) {
      int n = i;
      snapshotting.<StatusReply<Done>>runCommand(
          replyTo -> new UserEntity.Rate("p" + n, 3.0, T0.plusSeconds(n), "e" + n, replyTo));
    }
    State before = snapshotting.getState();
    snapshotting.restart();
    assertEquals(before, snapshotting.getState(), "snapshot (after 6 events) plus none after it");
    var repeat = snapshotting.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Rate("p5", 3.0, T0.plusSeconds(5), "e5", replyTo));
    assertTrue(repeat.hasNoEvents(), "the dedupe window survives the snapshot");
  }

  @Test
  void anInteractionWithoutTimeOrEventIdIsRejectedNotPersisted() {
    var noId = alice.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Rate("1", 4.0, T0, null, replyTo));
    assertTrue(noId.reply().isError());
    assertTrue(noId.hasNoEvents());
    var noTime = alice.<StatusReply<Done>>runCommand(replyTo -> new UserEntity.Click("1", null, "c1", replyTo));
    assertTrue(noTime.reply().isError());
    assertTrue(noTime.hasNoEvents());
  }

  private void startSession(String tokenHash) {
    var result = alice.<StatusReply<Principal>>runCommand(
        replyTo -> new UserEntity.StartSession(tokenHash, T0, replyTo));
    assertTrue(result.reply().isSuccess());
  }

  private StatusReply<Principal> authenticate(String tokenHash) {
    var result = alice.<StatusReply<Principal>>runCommand(
        replyTo -> new UserEntity.Authenticate(tokenHash, replyTo));
    assertTrue(result.hasNoEvents());
    return result.reply();
  }

  private void rate(String productId, double score, Instant at, String eventId) {
    var result = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Rate(productId, score, at, eventId, replyTo));
    assertTrue(result.reply().isSuccess());
  }

  private void click(String productId, Instant at, String eventId) {
    var result = alice.<StatusReply<Done>>runCommand(
        replyTo -> new UserEntity.Click(productId, at, eventId, replyTo));
    assertTrue(result.reply().isSuccess());
  }

  private Profile profile() {
    return alice.<StatusReply<Profile>>runCommand(UserEntity.GetProfile::new).reply().getValue();
  }
}
