package dev.actorshop.product;

import akka.pattern.StatusReply;
import akka.persistence.typed.javadsl.EffectFactories;
import akka.persistence.typed.javadsl.ReplyEffect;
import dev.actorshop.product.ProductEntity.AddTags;
import dev.actorshop.product.ProductEntity.AdjustStock;
import dev.actorshop.product.ProductEntity.Catalogue;
import dev.actorshop.product.ProductEntity.Define;
import dev.actorshop.product.ProductEntity.Defined;
import dev.actorshop.product.ProductEntity.Event;
import dev.actorshop.product.ProductEntity.Get;
import dev.actorshop.product.ProductEntity.ProductDefined;
import dev.actorshop.product.ProductEntity.ProductView;
import dev.actorshop.product.ProductEntity.SetStock;
import dev.actorshop.product.ProductEntity.State;
import dev.actorshop.product.ProductEntity.StockAdjusted;
import dev.actorshop.product.ProductEntity.StockSet;
import dev.actorshop.product.ProductEntity.TagsAdded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The product entity's catalogue and stock commands: define, set or adjust the stock, add tags,
 * read. Each decides from the state and returns the effect; {@link ProductEntity}'s event handler
 * applies what they persist.
 */
final class CatalogueCommands {
  private final String productId;
  private final EffectFactories<Event, State> effect;

  CatalogueCommands(String productId, EffectFactories<Event, State> effect) {
    this.productId = productId;
    this.effect = effect;
  }

  ReplyEffect<Event, State> get(State state, Get cmd) {
    return effect.reply(cmd.replyTo(), state.isDefined()
        ? StatusReply.success(view(state))
        : ProductEntity.unknownProduct());
  }

  ReplyEffect<Event, State> define(State state, Define cmd) {
    Catalogue old = state.catalogue();
    String title = cmd.title() != null ? cmd.title() : old == null ? null : old.title();
    if (title == null) {
      return effect.reply(cmd.replyTo(), StatusReply.error("title is required for a new product"));
    }
    Catalogue next = new Catalogue(
        title,
        orElse(cmd.categories(), old == null ? List.of() : old.categories()),
        cmd.tags() != null ? sortedDistinct(cmd.tags()) : old == null ? List.of() : old.tags(),
        cmd.price() != null ? cmd.price() : old == null ? null : old.price(),
        orElse(cmd.attributes(), old == null ? Map.of() : old.attributes()));
    Optional<String> problem = catalogueProblem(next)
        .or(() -> cmd.stock() == null ? Optional.empty() : stockProblem(state, cmd.stock()));
    if (problem.isPresent()) {
      return effect.reply(cmd.replyTo(), StatusReply.error(problem.get()));
    }
    List<Event> events = new ArrayList<>(2);
    if (!next.equals(old)) events.add(new ProductDefined(productId, next, cmd.at()));
    if (cmd.stock() != null && cmd.stock() != state.stock()) {
      events.add(new StockSet(productId, cmd.stock(), cmd.at()));
    }
    boolean created = !state.isDefined();
    return effect.persist(events).thenReply(cmd.replyTo(),
        s -> StatusReply.success(new Defined(created, !events.isEmpty(), view(s))));
  }

  ReplyEffect<Event, State> setStock(State state, SetStock cmd) {
    if (!state.isDefined()) return effect.reply(cmd.replyTo(), ProductEntity.unknownProduct());
    Optional<String> problem = stockProblem(state, cmd.stock());
    if (problem.isPresent()) return effect.reply(cmd.replyTo(), StatusReply.error(problem.get()));
    if (cmd.stock() == state.stock()) return effect.reply(cmd.replyTo(), StatusReply.success(view(state)));
    return effect.persist(new StockSet(productId, cmd.stock(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(view(s)));
  }

  ReplyEffect<Event, State> adjustStock(State state, AdjustStock cmd) {
    if (!state.isDefined()) return effect.reply(cmd.replyTo(), ProductEntity.unknownProduct());
    if (cmd.eventId() != null && state.recentStockEventIds().contains(cmd.eventId())) {
      return effect.reply(cmd.replyTo(), StatusReply.success(view(state)));
    }
    long next = state.stock() + cmd.delta(); // both bounded by MAX_STOCK: no overflow
    Optional<String> problem = next < 0
        ? Optional.of("stock cannot go below 0: it is " + state.stock())
        : stockProblem(state, next);
    if (problem.isPresent()) return effect.reply(cmd.replyTo(), StatusReply.error(problem.get()));
    return effect.persist(new StockAdjusted(productId, cmd.delta(), next, cmd.eventId(), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(view(s)));
  }

  ReplyEffect<Event, State> addTags(State state, AddTags cmd) {
    if (!state.isDefined()) return effect.reply(cmd.replyTo(), ProductEntity.unknownProduct());
    Optional<String> problem = ProductValidation.tagsProblem(cmd.tags()).map(p -> "tags " + p);
    if (problem.isPresent()) return effect.reply(cmd.replyTo(), StatusReply.error(problem.get()));
    TreeSet<String> fresh = new TreeSet<>(cmd.tags());
    fresh.removeAll(state.catalogue().tags());
    if (fresh.isEmpty()) return effect.reply(cmd.replyTo(), StatusReply.success(0));
    if (state.catalogue().tags().size() + fresh.size() > ProductValidation.MAX_TAGS) {
      return effect.reply(cmd.replyTo(),
          StatusReply.error("tags must have at most " + ProductValidation.MAX_TAGS + " entries"));
    }
    int added = fresh.size();
    return effect.persist(new TagsAdded(productId, List.copyOf(fresh), cmd.at()))
        .thenReply(cmd.replyTo(), s -> StatusReply.success(added));
  }

  private static Optional<String> catalogueProblem(Catalogue c) {
    return ProductValidation.titleProblem(c.title()).map(p -> "title " + p)
        .or(() -> ProductValidation.categoriesProblem(c.categories()).map(p -> "categories " + p))
        .or(() -> ProductValidation.tagsProblem(c.tags()).map(p -> "tags " + p))
        .or(() -> c.price() == null ? Optional.empty() : ProductValidation.priceProblem(c.price()).map(p -> "price " + p))
        .or(() -> ProductValidation.attributesProblem(c.attributes()).map(p -> "attributes " + p));
  }

  private static Optional<String> stockProblem(State state, long stock) {
    Optional<String> range = ProductValidation.stockProblem(stock).map(p -> "stock " + p);
    if (range.isPresent()) return range;
    return stock < state.allocatedStock()
        ? Optional.of("stock cannot go below the " + state.allocatedStock() + " allocated to sales")
        : Optional.empty();
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static List<String> sortedDistinct(List<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  private ProductView view(State s) {
    Catalogue c = s.catalogue();
    return new ProductView(productId, c.title(), c.categories(), c.tags(), c.price(), c.attributes(),
        s.stock(), s.freeStock(), s.createdAt(), s.updatedAt());
  }
}
