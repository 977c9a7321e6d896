package dev.actorshop.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.dataset.MovieLensCsv.Movie;
import dev.actorshop.dataset.MovieLensCsv.Rating;
import dev.actorshop.dataset.MovieLensCsv.Tag;
import dev.actorshop.dataset.MovieLensFile.Row;
import dev.actorshop.dataset.MovieLensFile.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  private static final GeneratorSettings SETTINGS = new GeneratorSettings(300, 400, 15_000, 7);
  private static final List<String> FILES =
      List.of(MovieLensCsv.MOVIES_FILE, MovieLensCsv.RATINGS_FILE, MovieLensCsv.TAGS_FILE,
          Generator.MODEL_FILE);

  @TempDir static Path root;
  private static Path data;
  private static List<Movie> movies;
  private static List<Rating> ratings;
  private static List<Tag> tags;

  @BeforeAll
  static void generate() throws IOException {
    data = root.resolve("seed7");
    new Generator(SETTINGS).writeTo(data);
    movies = readAll(data.resolve(MovieLensCsv.MOVIES_FILE), MovieLensFile.MOVIES);
    ratings = readAll(data.resolve(MovieLensCsv.RATINGS_FILE), MovieLensFile.RATINGS);
    tags = readAll(data.resolve(MovieLensCsv.TAGS_FILE), MovieLensFile.TAGS);
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedDifferentFiles() throws IOException {
    Path again = root.resolve("seed7-again");
    new Generator(new GeneratorSettings(300, 400, 15_000, 7)).writeTo(again);
    for (String file : FILES) {
      assertArrayEquals(
          Files.readAllBytes(data.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
    }
    Path other = root.resolve("seed8");
    new Generator(new GeneratorSettings(300, 400, 15_000, 8)).writeTo(other);
    for (String file : FILES.subList(0, 3)) {
      byte[] seven = Files.readAllBytes(data.resolve(file));
      assertFalse(Arrays.equals(seven, Files.readAllBytes(other.resolve(file))), file);
    }
  }

  @Test
  void writesEveryMovieAndExactlyTheRequestedRatingsWithUnixLineEnds() throws IOException {
    assertEquals(400, movies.size());
    for (int i = 0; i < movies.size(); i++) {
      assertEquals(Integer.toString(i + 1), movies.get(i).movieId());
      int genres = movies.get(i).genres().size();
      assertTrue(genres >= 1 && genres <= 3, movies.get(i).toString());
    }
    assertEquals(15_000, ratings.size());
    assertEquals(15_000, MovieLensFile.count(data.resolve(MovieLensCsv.RATINGS_FILE)));
    for (String file : FILES.subList(0, 3)) {
      assertFalse(Files.readString(data.resolve(file)).contains("\r"), file);
    }
    assertTrue(movies.stream().anyMatch(m -> m.title().contains(",")), "a title with a comma");
    assertTrue(movies.stream().allMatch(m -> m.title().matches(".+ \\(\\d{4}\\)")));
  }

  @Test
  void ratingsAreUniquePerUserAndMovieSortedByUserThenTimeAndNameKnownMovies() {
    Set<String> pairs = new HashSet<>();
    int[] perUser = new int[SETTINGS.users()];
    Rating previous = null;
    for (Rating rating : ratings) {
      assertTrue(pairs.add(rating.userId() + "/" + rating.movieId()), "duplicate " + rating);
      int user = Integer.parseInt(rating.userId());
      int movie = Integer.parseInt(rating.movieId());
      assertTrue(user >= 1 && user <= SETTINGS.users(), rating.toString());
      assertTrue(movie >= 1 && movie <= SETTINGS.items(), rating.toString());
      assertTrue(rating.timestamp() >= GeneratorModel.FIRST_RATING
          && rating.timestamp() < GeneratorModel.END, rating.toString());
      if (previous != null) {
        int previousUser = Integer.parseInt(previous.userId());
        assertTrue(previousUser < user
            || (previousUser == user && previous.timestamp() <= rating.timestamp()),
            previous + " then " + rating);
      }
      perUser[user - 1]++;
      previous = rating;
    }
    assertTrue(Arrays.stream(perUser).min().orElseThrow() >= 20, "every user rates at least 20");
    double mean = ratings.stream().mapToDouble(Rating::rating).average().orElseThrow();
    assertTrue(mean > 3.3 && mean < 3.7, "mean rating " + mean);
  }

  @Test
  void tagsAreAboutOnePerTwentyFiveRatingsAndOnRatedMovies() {
    Set<String> rated = new HashSet<>();
    ratings.forEach(r -> rated.add(r.userId() + "/" + r.movieId()));
    for (Tag tag : tags) {
      assertTrue(rated.contains(tag.userId() + "/" + tag.movieId()), tag.toString());
    }
    assertTrue(tags.size() > 15_000 / 25 * 0.7 && tags.size() < 15_000 / 25 * 1.3,
        "tags: " + tags.size());
  }

  @Test
  void generatorJsonRecordsTheSettingsAndCounts() throws IOException {
    String json = Files.readString(data.resolve(Generator.MODEL_FILE));
    assertTrue(json.contains(
        "\"settings\": {\"users\": 300, \"items\": 400, \"ratings\": 15000, \"seed\": 7}"), json);
    assertTrue(json.contains("\"tags\": " + tags.size() + "}"), json);
    assertTrue(json.contains("\"factors\": 8"), json);
  }

  @Test
  void smallAndDenseSettingsStillGiveExactCounts() throws IOException {
    // Fewer ratings than users (some users rate nothing), and half of all pairs rated.
    for (GeneratorSettings settings :
        List.of(new GeneratorSettings(100, 10, 30, 1), new GeneratorSettings(20, 10, 100, 2))) {
      Path out = root.resolve("small-" + settings.seed());
      new Generator(settings).writeTo(out);
      List<Rating> written = readAll(out.resolve(MovieLensCsv.RATINGS_FILE), MovieLensFile.RATINGS);
      assertEquals(settings.ratings(), written.size());
      assertEquals(settings.ratings(),
          written.stream().map(r -> r.userId() + "/" + r.movieId()).distinct().count());
    }
  }

  @Test
  void settingsAreValidatedWithClearMessages() {
    assertEquals("users must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(0, 10, 10, 1))
            .getMessage());
    assertEquals("items must be at least 1, got -3",
        assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(10, -3, 10, 1))
            .getMessage());
    assertEquals("ratings must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(10, 10, 0, 1))
            .getMessage());
    assertEquals("ratings must be at most half of users x items (10 x 10 / 2 = 50), got 51",
        assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(10, 10, 51, 1))
            .getMessage());
  }

  @Test
  void tagVocabulariesAreDisjointSoATagPointsAtOneGenre() {
    List<String> words = new ArrayList<>(Genres.GENERIC_TAGS);
    Genres.TAG_WORDS.forEach(words::addAll);
    assertEquals(words.size(), new HashSet<>(words).size());
    assertEquals(Genres.COUNT, Genres.TAG_WORDS.size());
    assertEquals(Genres.COUNT, Genres.ITEM_WEIGHTS.length);
    assertTrue(Genres.TAG_WORDS.stream().allMatch(w -> w.size() >= 8 && w.size() <= 15));
  }

  private static <T> List<T> readAll(Path file, Schema<T> schema) throws IOException {
    List<T> values = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    MovieLensFile.forEach(file, schema, (Row<T> row) -> values.add(row.value()),
        bad -> problems.add(bad.describe()));
    assertEquals(List.of(), problems, "the module's own reader accepts every line, header too");
    return values;
  }
}
