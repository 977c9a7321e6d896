package dev.actorshop.contracts;

/**
 * How MovieLens-format ids become ours, for every reader of such a folder (the node's import and
 * the offline jobs), so both name the same user: user {@code 7} is {@code ml-7}; a movie id is the
 * product id as it is.
 */
public final class ImportedIds {
  /** Accounts created from imported data are named {@code ml-<external id>}; nobody registers such a name. */
  public static final String USER_PREFIX = "ml-";

  private ImportedIds() {}

  public static String userId(String externalId) {
    return USER_PREFIX + externalId;
  }
}
