package dev.actorshop.dataset;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.dataset.MovieLensCsv.Movie;
import dev.actorshop.dataset.MovieLensCsv.Rating;
import dev.actorshop.dataset.MovieLensCsv.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structure the generator plants can be recovered, and would not be found in random data:
 * on the protocol's time split a personalised score beats popularity, which beats random; the
 * recent part of a user's history predicts the held-out part better than the old part (drift);
 * tags follow their movies' genres.
 */
class PlantedStructureTest {
  private static final int USERS = 600;
  private static final int ITEMS = 800;

  @TempDir static Path dir;
  private static List<Movie> movies;
  private static List<Tag> tags;
  private static TimeSplit split;

  @BeforeAll
  static void generate() throws IOException {
    new Generator(new GeneratorSettings(USERS, ITEMS, 40_000, 11)).writeTo(dir);
    movies = readAll(dir.resolve(MovieLensCsv.MOVIES_FILE), MovieLensFile.MOVIES);
    tags = readAll(dir.resolve(MovieLensCsv.TAGS_FILE), MovieLensFile.TAGS);
    List<Rating> ratings = readAll(dir.resolve(MovieLensCsv.RATINGS_FILE), MovieLensFile.RATINGS);
    split = new TimeSplit(ratings, USERS, ITEMS);
  }

  @Test
  void itemCfBeatsPopularityWhichBeatsRandom() {
    double random = split.hitRate(u -> new Random(u).doubles(ITEMS).toArray());
    double popularity = split.hitRate(u -> split.popularity());
    double itemCf = split.hitRate(u -> split.itemCf(split.train(u)));
    System.out.printf(
        "hit@10 random %.3f, popularity %.3f, item-CF %.3f%n", random, popularity, itemCf);
    assertTrue(itemCf >= popularity + 0.08, "item-CF " + itemCf + " vs popularity " + popularity);
    assertTrue(popularity >= 3 * random, "popularity " + popularity + " vs random " + random);
  }

  @Test
  void recentHistoryPredictsTheHeldOutRatingsBetterThanOldHistory() {
    double older = split.hitRate(u -> split.itemCf(half(split.train(u), false)));
    double recent = split.hitRate(u -> split.itemCf(half(split.train(u), true)));
    System.out.printf("hit@10 item-CF from older half %.3f, recent half %.3f%n", older, recent);
    assertTrue(recent >= older + 0.03, "recent " + recent + " vs older " + older);
  }

  @Test
  void tagsComeFromTheirMoviesGenres() {
    double matching = genreTagShare(tags, 0);
    double shuffled = genreTagShare(tags, tags.size() / 2);
    System.out.printf("tags from the movie's genres %.3f, paired with other movies %.3f%n",
        matching, shuffled);
    assertTrue(matching >= 0.75, "share " + matching);
    assertTrue(shuffled <= 0.4, "shuffled share " + shuffled);
  }

  /**
   * Share of tags whose word belongs to a genre of the movie it is on; with {@code shift} > 0
   * each tag is judged against the movie of the tag {@code shift} rows further on instead.
   */
  private static double genreTagShare(List<Tag> tags, int shift) {
    int matching = 0;
    for (int t = 0; t < tags.size(); t++) {
      Tag tag = tags.get(t);
      Movie movie = movies.get(Integer.parseInt(tags.get((t + shift) % tags.size()).movieId()) - 1);
      boolean fromGenre =
          movie.genres().stream()
              .anyMatch(g -> Genres.TAG_WORDS.get(Genres.NAMES.indexOf(g)).contains(tag.tag()));
      matching += fromGenre ? 1 : 0;
    }
    return (double) matching / tags.size();
  }

  private static int[] half(int[] history, boolean recent) {
    int middle = history.length / 2;
    return recent
        ? Arrays.copyOfRange(history, middle, history.length)
        : Arrays.copyOfRange(history, 0, middle);
  }

  private static <T> List<T> readAll(Path file, MovieLensFile.Schema<T> schema)
      throws IOException {
    List<T> values = new ArrayList<>();
    MovieLensFile.forEach(file, schema, row -> values.add(row.value()), bad -> {
      throw new AssertionError(bad.describe());
    });
    return values;
  }
}
