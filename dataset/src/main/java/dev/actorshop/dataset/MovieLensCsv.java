package dev.actorshop.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The MovieLens CSV format: file and header names, one record type per file, and the rules of a
 * valid row. A row is one line; {@code parseX} turns a line into a record and {@code format}
 * turns a record back into a line that parses to an equal record.
 *
 * <p>The rules live in the records' constructors, so an invalid record cannot exist and every
 * writer (the generator, exporters) produces files that every reader accepts. A broken rule is a
 * {@link BadRowException} whose message names the column.
 */
public final class MovieLensCsv {
  public static final String MOVIES_FILE = "movies.csv";
  public static final String RATINGS_FILE = "ratings.csv";
  public static final String TAGS_FILE = "tags.csv";
  public static final String MOVIES_HEADER = "movieId,title,genres";
  public static final String RATINGS_HEADER = "userId,movieId,rating,timestamp";
  public static final String TAGS_HEADER = "userId,movieId,tag,timestamp";

  /** What MovieLens writes in the genres column of a movie without genres. */
  public static final String NO_GENRES = "(no genres listed)";
  public static final int MAX_ID_CHARS = 29;
  public static final int MAX_TITLE_CHARS = 300;
  public static final int MAX_TAG_CHARS = 100;
  public static final double MIN_RATING = 0.5;
  public static final double MAX_RATING = 5.0;

  private static final String ID_RULE = "is not 1 to " + MAX_ID_CHARS + " of A-Z a-z 0-9 _ . : -";
  private static final Pattern DECIMAL = Pattern.compile("-?\\d*\\.?\\d+");
  private static final Pattern WHOLE = Pattern.compile("-?\\d+");

  private MovieLensCsv() {}

  /** A catalogue entry; the title is stripped and genres are stripped, de-duplicated names. */
  public record Movie(String movieId, String title, List<String> genres) {
    public Movie {
      checkId("movieId", movieId);
      title = checkText("title", title, MAX_TITLE_CHARS);
      genres = checkGenres(genres);
    }
  }

  /** One user's score for one movie at {@code timestamp} (epoch seconds, as in MovieLens). */
  public record Rating(String userId, String movieId, double rating, long timestamp) {
    public Rating {
      checkId("userId", userId);
      checkId("movieId", movieId);
      if (!(rating >= MIN_RATING && rating <= MAX_RATING && rating * 2 == Math.rint(rating * 2))) {
        throw BadRowException.column(
            "rating", Double.toString(rating), "is not in 0.5..5.0 in steps of 0.5");
      }
      checkTimestamp(timestamp);
    }
  }

  /** A free-text label a user put on a movie at {@code timestamp} (epoch seconds). */
  public record Tag(String userId, String movieId, String tag, long timestamp) {
    public Tag {
      checkId("userId", userId);
      checkId("movieId", movieId);
      tag = checkText("tag", tag, MAX_TAG_CHARS);
      checkTimestamp(timestamp);
    }
  }

  /** Parses one {@code movieId,title,genres} line; genres are split on {@code |}. */
  public static Movie parseMovie(String line) {
    List<String> fields = fields(line, 3);
    List<String> genres = List.of(fields.get(2).split("\\|", -1));
    return new Movie(fields.get(0).strip(), fields.get(1), genres);
  }

  /** Parses one {@code userId,movieId,rating,timestamp} line. */
  public static Rating parseRating(String line) {
    List<String> fields = fields(line, 4);
    return new Rating(
        fields.get(0).strip(),
        fields.get(1).strip(),
        ratingValue(fields.get(2)),
        timestampValue(fields.get(3)));
  }

  /** Parses one {@code userId,movieId,tag,timestamp} line. */
  public static Tag parseTag(String line) {
    List<String> fields = fields(line, 4);
    return new Tag(
        fields.get(0).strip(), fields.get(1).strip(), fields.get(2), timestampValue(fields.get(3)));
  }

  /** One line without terminator; an empty genre list is written as {@value #NO_GENRES}. */
  public static String format(Movie movie) {
    String genres = movie.genres().isEmpty() ? NO_GENRES : String.join("|", movie.genres());
    return movie.movieId() + ',' + csvField(movie.title()) + ',' + csvField(genres);
  }

  /** One line without terminator; the rating as MovieLens writes it ({@code 4.0}, {@code 3.5}). */
  public static String format(Rating rating) {
    // Ids never need quotes, and Double.toString writes every half step as MovieLens does.
    return rating.userId() + ',' + rating.movieId() + ',' + rating.rating() + ','
        + rating.timestamp();
  }

  /** One line without terminator. */
  public static String format(Tag tag) {
    return tag.userId() + ',' + tag.movieId() + ',' + csvField(tag.tag()) + ',' + tag.timestamp();
  }

  /** Whether {@code line} is {@code header}, ignoring a UTF-8 byte order mark and a line end. */
  public static boolean isHeader(String line, String header) {
    String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
    return withoutLineEnd(text).strip().equals(header);
  }

  private static List<String> fields(String line, int expected) {
    String row = withoutLineEnd(Objects.requireNonNull(line, "line"));
    if (row.indexOf('\n') >= 0 || row.indexOf('\r') >= 0) {
      throw new BadRowException("a row must be on one line");
    }
    CSVRecord record;
    try (CSVParser parser = CSVParser.parse(row, CSVFormat.RFC4180)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        throw new BadRowException("the line is empty");
      }
      record = records.next();
    } catch (IOException | UncheckedIOException e) {
      throw new BadRowException(
          "malformed quotes: a quoted field must end with a quote before the next comma");
    }
    if (record.size() != expected) {
      throw new BadRowException("expected " + expected + " columns, found " + record.size());
    }
    return record.toList();
  }

  private static String withoutLineEnd(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    return line.substring(0, end);
  }

  private static double ratingValue(String field) {
    String value = field.strip();
    if (!DECIMAL.matcher(value).matches()) {
      throw BadRowException.column("rating", value, "is not a number");
    }
    return Double.parseDouble(value);
  }

  private static long timestampValue(String field) {
    String value = field.strip();
    if (!WHOLE.matcher(value).matches()) {
      throw BadRowException.column("timestamp", value, "is not a whole number");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw BadRowException.column("timestamp", value, "is out of range");
    }
  }

  /** Quotes a field only when it holds a comma or a quote (values never hold line breaks). */
  private static String csvField(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  private static void checkId(String column, String id) {
    if (id == null) {
      throw new BadRowException(column + ": is missing");
    }
    boolean valid = !id.isEmpty() && id.length() <= MAX_ID_CHARS;
    for (int i = 0; valid && i < id.length(); i++) {
      char c = id.charAt(i);
      valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '.' || c == ':' || c == '-';
    }
    if (!valid) {
      throw BadRowException.column(column, id, ID_RULE);
    }
  }

  /** Strips free text and checks it is present, short enough and on one line. */
  private static String checkText(String column, String text, int maxChars) {
    if (text == null) {
      throw new BadRowException(column + ": is missing");
    }
    String stripped = text.strip();
    if (stripped.isEmpty()) {
      throw new BadRowException(column + ": is blank");
    }
    if (stripped.length() > maxChars) {
      String problem = "is longer than " + maxChars + " characters (" + stripped.length() + ")";
      throw BadRowException.column(column, stripped, problem);
    }
    if (stripped.indexOf('\n') >= 0 || stripped.indexOf('\r') >= 0) {
      throw BadRowException.column(column, stripped, "contains a line break");
    }
    return stripped;
  }

  /** Strips names, drops empty ones and {@value #NO_GENRES}, keeps the first of repeats. */
  private static List<String> checkGenres(List<String> genres) {
    if (genres == null) {
      throw new BadRowException("genres: is missing");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String genre : genres) {
      String name = genre.strip();
      if (name.isEmpty() || name.equals(NO_GENRES)) {
        continue;
      }
      if (name.indexOf('|') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
        throw BadRowException.column("genres", name, "is not one genre name");
      }
      names.add(name);
    }
    return List.copyOf(names);
  }

  private static void checkTimestamp(long timestamp) {
    if (timestamp < 0) {
      throw BadRowException.column("timestamp", Long.toString(timestamp), "is negative");
    }
  }
}
