package dev.actorshop.dataset;

/**
 * What to generate: {@code users} users (ids 1..users), {@code items} movies (ids 1..items),
 * exactly {@code ratings} ratings, all drawn from {@code seed}. At most half of all user-movie
 * pairs can be rated, so every user can still find unrated movies to choose among.
 */
public record GeneratorSettings(int users, int items, long ratings, long seed) {
  public GeneratorSettings {
    if (users < 1) {
      throw new IllegalArgumentException("users must be at least 1, got " + users);
    }
    if (items < 1) {
      throw new IllegalArgumentException("items must be at least 1, got " + items);
    }
    if (ratings < 1) {
      throw new IllegalArgumentException("ratings must be at least 1, got " + ratings);
    }
    long maxRatings = (long) users * items / 2;
    if (ratings > maxRatings) {
      throw new IllegalArgumentException(
          "ratings must be at most half of users x items ("
              + users + " x " + items + " / 2 = " + maxRatings + "), got " + ratings);
    }
  }
}
