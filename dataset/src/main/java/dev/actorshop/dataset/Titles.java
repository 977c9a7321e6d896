package dev.actorshop.dataset;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Readable movie titles with a release year, in MovieLens's style: {@code Silent Harbor (1997)},
 * a leading article moved to the end ({@code Letter, The (1988)}), now and then a quoted
 * programme name ({@code "Golden Hour" Storm (2001)}), so writers and readers meet commas and
 * quotes. Titles are decoration: nothing in the model depends on them.
 */
final class Titles {
  /** Release years end before the first rating (see {@link GeneratorModel#FIRST_RATING}). */
  static final int LAST_YEAR = 2004;

  private static final int FIRST_YEAR = 1920;
  private static final double MEAN_AGE_YEARS = 14;

  private static final List<String> ADJECTIVES =
      List.of("Silent", "Broken", "Golden", "Last", "Hidden", "Crimson", "Distant", "Endless",
          "Frozen", "Burning", "Secret", "Wild", "Lonely", "Dark", "Bright", "Savage", "Quiet",
          "Electric", "Midnight", "Hollow", "Iron", "Velvet", "Paper", "Restless", "Fallen",
          "Little", "Lost", "Eternal", "Bitter", "Sweet");
  private static final List<String> NOUNS =
      List.of("Harbor", "River", "Kingdom", "Garden", "Empire", "Horizon", "Shadow", "Promise",
          "Station", "Mirror", "Summer", "Winter", "Storm", "Letter", "Journey", "Island", "Road",
          "Heart", "Witness", "Machine", "Voyage", "Fortune", "Canyon", "Orchard", "Signal",
          "Frontier", "Lighthouse", "Carnival", "Requiem", "Tide");
  private static final List<String> NAMES =
      List.of("Jack", "Mary", "Oscar", "Lucy", "Harry", "Nora", "Sam", "Vera", "Eddie", "Rosa",
          "Max", "Clara");
  private static final List<String> PLACES =
      List.of("Paris", "Brooklyn", "the North", "Tokyo", "Avalon", "Memphis", "Cairo",
          "Sorrento", "the Desert", "Berlin");

  private Titles() {}

  static String draw(SplittableRandom rng) {
    return name(rng) + " (" + year(rng) + ")";
  }

  private static String name(SplittableRandom rng) {
    int form = rng.nextInt(100);
    if (form < 40) {
      return pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS);
    } else if (form < 55) {
      return pick(rng, NOUNS) + ", The";
    } else if (form < 62) {
      return pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS) + ", The";
    } else if (form < 72) {
      return pick(rng, NOUNS) + " of " + pick(rng, PLACES);
    } else if (form < 82) {
      return pick(rng, NAMES) + "'s " + pick(rng, NOUNS);
    } else if (form < 88) {
      return pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS) + " " + (2 + rng.nextInt(3));
    } else if (form < 93) {
      return pick(rng, NAMES) + ", " + pick(rng, NAMES) + " and the " + pick(rng, NOUNS);
    } else if (form < 97) {
      return pick(rng, NOUNS) + ": " + pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS);
    } else {
      return "\"" + pick(rng, ADJECTIVES) + " Hour\" " + pick(rng, NOUNS);
    }
  }

  /** Skewed towards recent years, as catalogues are. */
  private static int year(SplittableRandom rng) {
    double age = -MEAN_AGE_YEARS * StrictMath.log(1 - rng.nextDouble());
    return Math.max(FIRST_YEAR, LAST_YEAR - (int) age);
  }

  private static String pick(SplittableRandom rng, List<String> words) {
    return words.get(rng.nextInt(words.size()));
  }
}
