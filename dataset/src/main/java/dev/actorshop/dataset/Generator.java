package dev.actorshop.dataset;

import dev.actorshop.dataset.MovieLensCsv.Rating;
import dev.actorshop.dataset.MovieLensCsv.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a synthetic MovieLens-format folder drawn from a model with planted structure: latent
 * taste factors, genre affinities, long-tail popularity, missing-not-at-random choice of what to
 * rate, and taste drift over time (the module README describes the model; {@link
 * GeneratorModel} holds its parameters). The same settings give byte-identical files.
 *
 * <p>Users are generated one at a time in id order, each user's ratings in time order, and
 * written as they are made: memory is O(users + movies) plus one user's timestamps.
 */
public final class Generator {
  /** The file, next to the CSV files, that records the settings and the model's parameters. */
  public static final String MODEL_FILE = "generator.json";

  private static final long TITLE_STREAM = 4;
  private static final long USER_STREAM = 5;
  private static final double SECONDS_PER_DAY = 86_400;

  private final GeneratorSettings settings;

  public Generator(GeneratorSettings settings) {
    this.settings = settings;
  }

  /** Writes movies.csv, ratings.csv, tags.csv and generator.json into {@code outDir}. */
  public void writeTo(Path outDir) throws IOException {
    Files.createDirectories(outDir);
    Catalogue catalogue = Catalogue.draw(settings);
    writeMovies(outDir.resolve(MovieLensCsv.MOVIES_FILE), catalogue);
    ActivityPlan plan = ActivityPlan.draw(settings);
    ItemPicker picker = new ItemPicker(catalogue);
    History out;
    try (Writer ratings = writer(outDir.resolve(MovieLensCsv.RATINGS_FILE));
        Writer tags = writer(outDir.resolve(MovieLensCsv.TAGS_FILE))) {
      out = new History(ratings, tags);
      for (int user = 0; user < settings.users(); user++) {
        writeUser(user, plan.ratings(user), plan.tagRate(user), catalogue, picker, out);
      }
    }
    Files.writeString(
        outDir.resolve(MODEL_FILE),
        GeneratorJson.describe(settings, out.ratingSum / settings.ratings(), out.tagRows));
  }

  private void writeMovies(Path file, Catalogue catalogue) throws IOException {
    SplittableRandom rng = Draws.stream(settings.seed(), TITLE_STREAM, 0);
    try (Writer out = writer(file)) {
      line(out, MovieLensCsv.MOVIES_HEADER);
      for (int item = 0; item < catalogue.size(); item++) {
        line(out, MovieLensCsv.format(catalogue.movie(item, Titles.draw(rng))));
      }
    }
  }

  /**
   * Draws one user's taste and active span, then makes their ratings in time order: at each
   * timestamp the taste moves to that point of the span, the picker chooses a movie, and the
   * taste rates it; some ratings come with tags.
   */
  private void writeUser(
      int user, int count, double tagRate, Catalogue catalogue, ItemPicker picker,
      History out) throws IOException {
    if (count == 0) {
      return;
    }
    SplittableRandom rng = Draws.stream(settings.seed(), USER_STREAM, user);
    Taste taste = Taste.draw(rng);
    long span = activeSpanSeconds(rng);
    long latestStart = GeneratorModel.END - span;
    long start =
        GeneratorModel.FIRST_RATING
            + (long) (rng.nextDouble() * (latestStart - GeneratorModel.FIRST_RATING));
    long[] offsets = new long[count];
    for (int j = 0; j < count; j++) {
      offsets[j] = (long) (rng.nextDouble() * span);
    }
    Arrays.sort(offsets);

    String userId = Integer.toString(user + 1);
    picker.startUser(user);
    for (long offset : offsets) {
      taste.at((double) offset / span);
      int item = picker.pick(taste, rng);
      double stars = taste.rate(catalogue, item, rng);
      String movieId = Integer.toString(item + 1);
      long timestamp = start + offset;
      line(out.ratings, MovieLensCsv.format(new Rating(userId, movieId, stars, timestamp)));
      out.ratingSum += stars;
      if (tagRate > 0 && rng.nextDouble() < tagRate) {
        for (String word : tagWords(catalogue, item, rng)) {
          line(out.tags, MovieLensCsv.format(new Tag(userId, movieId, word, timestamp)));
          out.tagRows++;
        }
      }
    }
  }

  /** Log-uniform between MIN_ACTIVE_DAYS and MAX_ACTIVE_DAYS, in seconds. */
  private static long activeSpanSeconds(SplittableRandom rng) {
    double days =
        StrictMath.exp(
            Draws.uniform(
                rng,
                StrictMath.log(GeneratorModel.MIN_ACTIVE_DAYS),
                StrictMath.log(GeneratorModel.MAX_ACTIVE_DAYS)));
    return (long) (days * SECONDS_PER_DAY);
  }

  /** One tag, sometimes a second different one, for a movie the user just rated. */
  private static List<String> tagWords(Catalogue catalogue, int item, SplittableRandom rng) {
    String first = tagWord(catalogue, item, rng);
    if (rng.nextDouble() < GeneratorModel.SECOND_TAG_PROBABILITY) {
      String second = tagWord(catalogue, item, rng);
      if (!second.equals(first)) {
        return List.of(first, second);
      }
    }
    return List.of(first);
  }

  /** From the vocabulary of one of the movie's genres, or now and then a generic word. */
  private static String tagWord(Catalogue catalogue, int item, SplittableRandom rng) {
    List<String> words = Genres.GENERIC_TAGS;
    if (rng.nextDouble() < GeneratorModel.GENRE_TAG_SHARE) {
      int[] genres = catalogue.genres(item);
      words = Genres.TAG_WORDS.get(genres[rng.nextInt(genres.length)]);
    }
    return words.get(Draws.zipf(rng, words.size()));
  }

  /** The open ratings.csv and tags.csv, headers written, and what has gone into them. */
  private static final class History {
    final Writer ratings;
    final Writer tags;
    double ratingSum;
    long tagRows;

    History(Writer ratings, Writer tags) throws IOException {
      this.ratings = ratings;
      this.tags = tags;
      line(ratings, MovieLensCsv.RATINGS_HEADER);
      line(tags, MovieLensCsv.TAGS_HEADER);
    }
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  private static void line(Writer out, String text) throws IOException {
    out.write(text);
    out.write('\n');
  }
}
