package dev.actorshop.product;

import dev.actorshop.conf.EventTags;

/** Tags on product events, one products-projection instance per tag. Never change the count. */
public final class ProductEventTags {
  public static final EventTags TAGS = new EventTags("product", 4);

  private ProductEventTags() {}
}
