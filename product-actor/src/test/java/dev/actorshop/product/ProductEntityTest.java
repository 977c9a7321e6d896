package dev.actorshop.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.pattern.StatusReply;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import dev.actorshop.product.ProductEntity.AddTags;
import dev.actorshop.product.ProductEntity.AdjustStock;
import dev.actorshop.product.ProductEntity.Command;
import dev.actorshop.product.ProductEntity.Define;
import dev.actorshop.product.ProductEntity.Defined;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.Get;
import dev.actorshop.product.ProductEntity.ProductView;
import dev.actorshop.product.ProductEntity.SetStock;
import dev.actorshop.product.ProductEntity.State;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductEntityTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
  private static final ProductSettings SETTINGS = EntityTests.SETTINGS;

  private static final ActorTestKit testKit = EntityTests.testKit();

  private EventSourcedBehaviorTestKit<Command, Event, State> product;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void create() {
    product = EventSourcedBehaviorTestKit.create(testKit.system(), ProductEntity.create("42", SETTINGS));
  }

  @Test
  void anUnknownProductAnswersErrorsNotExceptions() {
    var get = product.<StatusReply<ProductView>>runCommand(Get::new);
    assertEquals("unknown product", get.reply().getError().getMessage());
    var stock = product.<StatusReply<ProductView>>runCommand(replyTo -> new SetStock(5, T0, replyTo));
    assertTrue(stock.reply().isError());
    var noTitle = define(null, List.of("Drama"), null, null);
    assertEquals("title is required for a new product", noTitle.reply().getError().getMessage());
    assertTrue(noTitle.hasNoEvents());
  }

  @Test
  void defineCreatesThenChangesOnlyTheGivenFields() {
    var created = product.<StatusReply<Defined>>runCommand(replyTo -> new Define("Heat (1995)", List.of("Action", "Crime"),
        List.of("heist", "de niro", "heist"), new BigDecimal("9.99"), Map.of("director", "Michael Mann"), 10L, T0, replyTo));
    Defined defined = created.reply().getValue();
    assertTrue(defined.created());
    assertEquals(List.of("de niro", "heist"), defined.product().tags(), "tags sorted and distinct");
    assertEquals(10, defined.product().stock());
    assertEquals(2, created.events().size(), "definition and stock");

    var retitled = define("Heat", null, null, null);
    ProductView view = retitled.reply().getValue().product();
    assertFalse(retitled.reply().getValue().created());
    assertEquals("Heat", view.title());
    assertEquals(List.of("Action", "Crime"), view.categories());
    assertEquals(new BigDecimal("9.99"), view.price());
    assertEquals(10, view.stock());

    var same = define("Heat", List.of("Action", "Crime"), null, null);
    assertFalse(same.reply().getValue().changed());
    assertTrue(same.hasNoEvents(), "re-defining the same values persists nothing (a re-import is a no-op)");
  }

  @Test
  void invalidFieldsAreRejectedNamingTheField() {
    assertEquals("title", firstWord(define(" ", null, null, null)));
    assertEquals("price", firstWord(define("X", null, null, new BigDecimal("1.999"))));
    assertEquals("price", firstWord(define("X", null, null, new BigDecimal("-1"))));
    assertEquals("categories", firstWord(define("X", List.of(""), null, null)));
    assertEquals("tags", firstWord(define("X", null, List.of(" padded "), null)));
    assertFalse(product.getState().isDefined());
  }

  @Test
  void stockIsSetAndAdjustedButNeverNegative() {
    define("Heat", null, null, null);
    assertEquals(7, product.<StatusReply<ProductView>>runCommand(r -> new SetStock(7, T0, r)).reply().getValue().stock());
    var down = product.<StatusReply<ProductView>>runCommand(r -> new AdjustStock(-3, "a1", T0, r));
    assertEquals(4, down.reply().getValue().stock());
    var tooFar = product.<StatusReply<ProductView>>runCommand(r -> new AdjustStock(-5, "a2", T0, r));
    assertEquals("stock cannot go below 0: it is 4", tooFar.reply().getError().getMessage());
    assertTrue(tooFar.hasNoEvents());
    var negative = product.<StatusReply<ProductView>>runCommand(r -> new SetStock(-1, T0, r));
    assertTrue(negative.reply().isError());
    assertEquals(4, product.getState().stock());
  }

  @Test
  void aRetriedAdjustmentCountsOnce() {
    define("Heat", null, null, null);
    product.<StatusReply<ProductView>>runCommand(r -> new AdjustStock(5, "a1", T0, r));
    var retry = product.<StatusReply<ProductView>>runCommand(r -> new AdjustStock(5, "a1", T0, r));
    assertTrue(retry.hasNoEvents());
    assertEquals(5, retry.reply().getValue().stock());
  }

  @Test
  void tagsAreAddedOnceEach() {
    define("Heat", null, List.of("heist"), null);
    var added = product.<StatusReply<Integer>>runCommand(r -> new AddTags(List.of("heist", "la", "noir"), T0, r));
    assertEquals(2, added.reply().getValue());
    assertEquals(new ProductEntity.TagsAdded("42", List.of("la", "noir"), T0), added.event());
    var again = product.<StatusReply<Integer>>runCommand(r -> new AddTags(List.of("noir"), T0, r));
    assertEquals(0, again.reply().getValue());
    assertTrue(again.hasNoEvents());
    assertEquals(List.of("heist", "la", "noir"), product.getState().catalogue().tags());
  }

  @Test
  void everyEventIsTaggedForTheProductsProjection() {
    var created = define("Heat", null, null, null);
    ProductEntity behavior = (ProductEntity) ProductEntity.create("42", SETTINGS);
    String tag = ProductEventTags.TAGS.tagFor("42");
    assertTrue(ProductEventTags.TAGS.all().contains(tag));
    assertEquals(Set.of(tag), behavior.tagsFor(created.event()));
  }

  @Test
  void stateSurvivesARestartFromSnapshotAndEvents() {
    define("Heat", List.of("Crime"), null, new BigDecimal("5"));
    for (int i = 0; i < 5; i++) {
      product.<StatusReply<ProductView>>runCommand(r -> new AdjustStock(1, null, T0, r));
    }
    product.restart();
    ProductView view = product.<StatusReply<ProductView>>runCommand(Get::new).reply().getValue();
    assertEquals(5, view.stock());
    assertEquals(new BigDecimal("5"), view.price());
    assertEquals(T0, view.createdAt());
    assertTrue(product.getState().sales().isEmpty());
  }

  private EventSourcedBehaviorTestKit.CommandResultWithReply<Command, Event, State, StatusReply<Defined>> define(
      String title, List<String> categories, List<String> tags, BigDecimal price) {
    return product.runCommand(replyTo -> new Define(title, categories, tags, price, null, null, T0, replyTo));
  }

  private static String firstWord(
      EventSourcedBehaviorTestKit.CommandResultWithReply<Command, Event, State, StatusReply<Defined>> result) {
    assertTrue(result.hasNoEvents());
    String message = result.reply().getError().getMessage();
    return message.substring(0, message.indexOf(' '));
  }
}
