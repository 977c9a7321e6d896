package dev.actorshop.product;

import dev.actorshop.contracts.ProductIds;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalogue rules, in one place for the entity and for the edges that name the offending field
 * before asking. Each check returns the problem, or empty when fine.
 */
public final class ProductValidation {
  public static final int MAX_TITLE = 300;
  public static final int MAX_LIST = 50;
  public static final int MAX_LABEL = 100;
  public static final int MAX_TAGS = 1000;
  public static final int MAX_ATTRIBUTES = 50;
  public static final int MAX_ATTRIBUTE_VALUE = 1000;
  public static final long MAX_STOCK = 1_000_000_000L;
  public static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");

  private ProductValidation() {}

  public static Optional<String> idProblem(String productId) {
    return ProductIds.problem(productId);
  }

  public static Optional<String> titleProblem(String title) {
    return title != null && !title.isBlank() && title.length() <= MAX_TITLE
        ? Optional.empty()
        : Optional.of("must be 1 to " + MAX_TITLE + " characters, not blank");
  }

  public static Optional<String> categoriesProblem(List<String> categories) {
    return labelsProblem(categories, MAX_LIST);
  }

  public static Optional<String> tagsProblem(List<String> tags) {
    return labelsProblem(tags, MAX_TAGS);
  }

  private static Optional<String> labelsProblem(List<String> labels, int max) {
    if (labels.size() > max) return Optional.of("must have at most " + max + " entries");
    for (String label : labels) {
      if (label == null || label.isBlank() || label.length() > MAX_LABEL || !label.equals(label.strip())) {
        return Optional.of("entries must be 1 to " + MAX_LABEL + " characters without surrounding spaces");
      }
    }
    return Optional.empty();
  }

  public static Optional<String> priceProblem(BigDecimal price) {
    if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0) {
      return Optional.of("must be between 0 and " + MAX_PRICE.toPlainString());
    }
    return price.stripTrailingZeros().scale() > 2
        ? Optional.of("must have at most 2 decimal places")
        : Optional.empty();
  }

  public static Optional<String> attributesProblem(Map<String, String> attributes) {
    if (attributes.size() > MAX_ATTRIBUTES) return Optional.of("must have at most " + MAX_ATTRIBUTES + " entries");
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (e.getKey().isBlank() || e.getKey().length() > MAX_LABEL) {
        return Optional.of("names must be 1 to " + MAX_LABEL + " characters");
      }
      if (e.getValue() == null || e.getValue().length() > MAX_ATTRIBUTE_VALUE) {
        return Optional.of("values must be strings of at most " + MAX_ATTRIBUTE_VALUE + " characters");
      }
    }
    return Optional.empty();
  }

  public static Optional<String> stockProblem(long stock) {
    return stock >= 0 && stock <= MAX_STOCK
        ? Optional.empty()
        : Optional.of("must be between 0 and " + MAX_STOCK);
  }
}
