package dev.actorshop.product;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/** What the entity tests share: small settings (a snapshot every 3 events) and a test kit with the node's serializers. */
final class EntityTests {
  static final ProductSettings SETTINGS = new ProductSettings(3, 2, Duration.ofSeconds(3), Duration.ofMinutes(15),
      new ProductSettings.GroupCommitSettings(100, 1000, Duration.ofSeconds(5)));

  private EntityTests() {}

  static ActorTestKit testKit() {
    return ActorTestKit.create(EventSourcedBehaviorTestKit.config()
        .withFallback(ConfigFactory.parseResources("serialization.conf"))
        .withFallback(ConfigFactory.load()));
  }
}
