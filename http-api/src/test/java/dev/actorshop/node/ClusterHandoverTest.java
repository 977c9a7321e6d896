package dev.actorshop.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.ClusterShardingQuery;
import akka.cluster.sharding.typed.GetShardRegionState;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import dev.actorshop.http.ApiClient;
import dev.actorshop.testkit.FreePorts;
import dev.actorshop.testkit.TestPostgres;
import dev.actorshop.user.UserEntity;
import dev.actorshop.user.UserException;
import dev.actorshop.user.Users;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes in one JVM on one PostgreSQL journal form a cluster: when a node leaves, the users it
 * hosted come back on the others with their state, and a session ends on every node at once.
 */
class ClusterHandoverTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dataDir;
  private final String mongoDatabase = "handover-" + java.util.UUID.randomUUID();
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(node -> {
      if (!node.system().whenTerminated().isCompleted()) node.close();
    });
  }

  @Test
  void usersOfALeavingNodeAreRecreatedElsewhereWithTheirState() throws Exception {
    Config db = TestPostgres.configFor(TestPostgres.newDatabase());
    int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    List<String> seeds = List.of(TestNodes.seed(ports[0]));
    Node first = start(db, ports[0], seeds, List.of("api", "entities"), "n1");
    Node second = start(db, ports[1], seeds, List.of("entities"), "n2");
    Node third = start(db, ports[2], seeds, List.of("entities"), "n3");
    await("three members up").atMost(WAIT).until(() -> upMembers(first) == 3);
    assertEquals(Set.of("entities"), Set.copyOf(third.system().settings().config().getStringList("akka.cluster.roles")));

    Users users = first.users();
    Set<String> onThird = new HashSet<>();
    for (int i = 0; onThird.isEmpty() && i < 200; i++) {
      String name = "mover-" + i;
      String password = "mover-password-" + i;
      eventually(() -> users.register(name, password).exceptionally(error ->
          error.getCause() instanceof UserException taken && taken.reason() == UserException.Reason.USERNAME_TAKEN ? null : rethrow(error))
          .toCompletableFuture().get());
      for (int r = 1; r <= 3; r++) {
        int score = r;
        eventually(() -> users.rate(name, "p" + score, score, Instant.now(), name + "-" + score).toCompletableFuture().get());
      }
      if (i % 10 == 9 || i >= 30) onThird.addAll(hostedUsers(third));
    }
    assertFalse(onThird.isEmpty(), "some users live on the third node");

    third.close();
    await("third node removed").atMost(WAIT).until(() -> upMembers(first) == 2);

    for (String userId : onThird) {
      UserEntity.Profile profile = eventually(() -> users.profile(userId).toCompletableFuture().get());
      assertEquals(3, profile.ratedCount(), userId);
      assertEquals("p3", profile.recent().get(0).productId(), userId);
    }
    Set<String> hostedNow = new HashSet<>(hostedUsers(first));
    hostedNow.addAll(hostedUsers(second));
    assertTrue(hostedNow.containsAll(onThird), "recreated on the remaining nodes");
  }

  @Test
  void aNewLoginOnOneNodeRevokesTheOldTokenOnEveryNode() {
    Config db = TestPostgres.configFor(TestPostgres.newDatabase());
    int[] ports = {FreePorts.next(), FreePorts.next()};
    List<String> seeds = List.of(TestNodes.seed(ports[0]));
    ApiClient first = new ApiClient(start(db, ports[0], seeds, List.of("api", "entities"), "a1").httpAddress());
    Node secondNode = start(db, ports[1], seeds, List.of("api", "entities"), "a2");
    ApiClient second = new ApiClient(secondNode.httpAddress());
    await("two members up").atMost(WAIT).until(() -> upMembers(secondNode) == 2);

    // While shards rebalance onto the new node, sharding may drop a request (the client gets a
    // 503 after the ask timeout); like any client, retry those.
    assertEquals(201, untilNot503(() -> first.register("roamer", "roamer-password")).status());
    ApiClient.Reply firstLogin = untilNot503(() -> first.login("roamer", "roamer-password"));
    assertEquals(200, firstLogin.status());
    String oldToken = firstLogin.text("token");
    assertEquals(200, untilNot503(() -> second.get("/api/users/me", oldToken)).status(), "a token works on any node");

    ApiClient.Reply secondLogin = untilNot503(() -> second.login("roamer", "roamer-password"));
    assertEquals(200, secondLogin.status());
    String newToken = secondLogin.text("token");
    assertEquals(401, untilNot503(() -> first.get("/api/users/me", oldToken)).status(), "revoked on the first node");
    assertEquals(401, untilNot503(() -> second.get("/api/users/me", oldToken)).status(), "revoked on the second node");
    assertEquals(200, untilNot503(() -> first.get("/api/users/me", newToken)).status());
    assertEquals(200, untilNot503(() -> second.get("/api/users/me", newToken)).status());
  }

  private static ApiClient.Reply untilNot503(Supplier<ApiClient.Reply> request) {
    AtomicReference<ApiClient.Reply> reply = new AtomicReference<>();
    await().atMost(WAIT).until(() -> {
      reply.set(request.get());
      return reply.get().status() != 503;
    });
    return reply.get();
  }

  /** An ask that timed out during a rebalance may still have landed: the retry must tolerate that. */
  private static <T> T eventually(Callable<T> ask) {
    return await().atMost(WAIT).ignoreExceptionsInstanceOf(ExecutionException.class)
        .until(ask, value -> true);
  }

  private Node start(Config db, int port, List<String> seeds, List<String> roles, String name) {
    Node node = Node.start(db.withFallback(TestNodes.config(dataDir.resolve(name), port, seeds, roles))
        .withFallback(TestNodes.sharedMongo(mongoDatabase)));
    nodes.add(node);
    return node;
  }

  private static <T> T rethrow(Throwable error) {
    throw error instanceof RuntimeException runtime ? runtime : new CompletionException(error);
  }

  private static long upMembers(Node node) {
    return StreamSupport.stream(Cluster.get(node.system()).state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .count();
  }

  private static Set<String> hostedUsers(Node node) throws Exception {
    ActorSystem<Void> system = node.system();
    ShardRegion.CurrentShardRegionState state = AskPattern.<ClusterShardingQuery, ShardRegion.CurrentShardRegionState>ask(
            ClusterSharding.get(system).shardState(),
            replyTo -> new GetShardRegionState(UserEntity.ENTITY_KEY, replyTo),
            Duration.ofSeconds(5), system.scheduler())
        .toCompletableFuture().get();
    Set<String> ids = new HashSet<>();
    state.getShards().forEach(shard -> ids.addAll(shard.getEntityIds()));
    return ids;
  }
}
