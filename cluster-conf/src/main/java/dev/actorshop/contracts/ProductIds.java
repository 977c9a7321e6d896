package dev.actorshop.contracts;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a product id may look like, for every module that receives one (users rate them too). */
public final class ProductIds {
  private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private ProductIds() {}

  public static Optional<String> problem(String productId) {
    return productId != null && PRODUCT_ID.matcher(productId).matches()
        ? Optional.empty()
        : Optional.of("must be 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', ':', '-'");
  }
}
