package dev.actorshop.dataset;

import dev.actorshop.dataset.MovieLensCsv.Movie;
import dev.actorshop.dataset.MovieLensCsv.Rating;
import dev.actorshop.dataset.MovieLensCsv.Tag;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads one MovieLens-format file row by row for importers, streaming in constant memory.
 *
 * <p>Lines are numbered as an editor numbers them (1-based, physical; the header is line 1).
 * Blank lines are skipped silently. A line that does not parse is reported as a {@link BadRow}
 * and reading goes on. If line 1 is not the expected header, that is one bad row on line 1, and
 * the file is still read: when line 1 itself parses as a data row (a file without header) it is
 * delivered too, so nothing is lost; every later line is judged on its own. An empty file is one
 * bad row on line 1. Bytes that are not UTF-8 make their line a bad row.
 */
public final class MovieLensFile {
  /** What one kind of file holds: its usual name, its header line and its row parser. */
  public record Schema<T>(String fileName, String header, Function<String, T> parser) {}

  public static final Schema<Movie> MOVIES =
      new Schema<>(MovieLensCsv.MOVIES_FILE, MovieLensCsv.MOVIES_HEADER, MovieLensCsv::parseMovie);
  public static final Schema<Rating> RATINGS =
      new Schema<>(
          MovieLensCsv.RATINGS_FILE, MovieLensCsv.RATINGS_HEADER, MovieLensCsv::parseRating);
  public static final Schema<Tag> TAGS =
      new Schema<>(MovieLensCsv.TAGS_FILE, MovieLensCsv.TAGS_HEADER, MovieLensCsv::parseTag);

  private static final List<String> HEADERS =
      List.of(MovieLensCsv.MOVIES_HEADER, MovieLensCsv.RATINGS_HEADER, MovieLensCsv.TAGS_HEADER);

  private MovieLensFile() {}

  /** A parsed data row and the line it came from. */
  public record Row<T>(long line, T value, String rawLine) {}

  /** A line that could not be used, and why. */
  public record BadRow(Path file, long line, String message) {
    /** {@code ratings.csv:17: rating: "6.0" is not in 0.5..5.0 in steps of 0.5} */
    public String describe() {
      return file.getFileName() + ":" + line + ": " + message;
    }
  }

  /** How many data rows were delivered and how many bad rows were reported. */
  public record Summary(long rows, long badRows) {}

  /**
   * Opens {@code file} for reading rows one at a time; bad rows go to {@code badRows} as the
   * iteration passes them. Suits pull-based consumers (a stream source with back-pressure).
   */
  public static <T> Reader<T> open(Path file, Schema<T> schema, Consumer<? super BadRow> badRows)
      throws IOException {
    return new Reader<>(file, schema, badRows);
  }

  /** Reads the whole file, handing each row and each bad row to its consumer, in line order. */
  public static <T> Summary forEach(
      Path file, Schema<T> schema, Consumer<? super Row<T>> rows, Consumer<? super BadRow> badRows)
      throws IOException {
    try (Reader<T> reader = open(file, schema, badRows)) {
      reader.forEachRemaining(rows);
      return reader.summary();
    }
  }

  /**
   * The number of data lines: non-blank lines (blank = only spaces and tabs), less line 1 when
   * it is one of the three MovieLens headers. Counts bytes without decoding or parsing, so it is
   * fast enough to size a progress bar before an import; bad rows are included.
   */
  public static long count(Path file) throws IOException {
    long lines = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      boolean content = false;
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n' || b == '\r') {
            lines += content ? 1 : 0;
            content = false;
          } else if (b != ' ' && b != '\t') {
            content = true;
          }
        }
      }
      lines += content ? 1 : 0;
    }
    return lines > 0 && startsWithHeader(file) ? lines - 1 : lines;
  }

  private static boolean startsWithHeader(Path file) throws IOException {
    try (BufferedReader in = utf8(file)) {
      String first = in.readLine();
      return first != null && HEADERS.stream().anyMatch(h -> MovieLensCsv.isHeader(first, h));
    }
  }

  /** Decodes leniently: a malformed byte becomes U+FFFD, which marks its line as bad. */
  private static BufferedReader utf8(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  /** An open file being read row by row; close it when done. */
  public static final class Reader<T> implements Iterator<Row<T>>, Closeable {
    private final Path file;
    private final Schema<T> schema;
    private final Consumer<? super BadRow> badRows;
    private final BufferedReader in;
    private long lineNumber;
    private Row<T> next;
    private boolean ended;
    private long rows;
    private long badRowCount;

    private Reader(Path file, Schema<T> schema, Consumer<? super BadRow> badRows)
        throws IOException {
      this.file = file;
      this.schema = schema;
      this.badRows = badRows;
      this.in = utf8(file);
    }

    /** @throws UncheckedIOException when the file cannot be read further */
    @Override
    public boolean hasNext() {
      while (next == null && !ended) {
        String line = readLine();
        if (line == null) {
          ended = true;
          if (lineNumber == 0) {
            bad(1, "the file is empty: expected the header " + quotedHeader());
          }
        } else if (++lineNumber == 1) {
          firstLine(line);
        } else if (!line.isBlank()) {
          next = parse(line);
        }
      }
      return next != null;
    }

    @Override
    public Row<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row<T> row = next;
      next = null;
      rows++;
      return row;
    }

    /** Rows delivered and bad rows reported so far. */
    public Summary summary() {
      return new Summary(rows, badRowCount);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    private void firstLine(String line) {
      if (MovieLensCsv.isHeader(line, schema.header())) {
        return;
      }
      String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
      if (text.isBlank()) {
        bad(1, "missing header: expected " + quotedHeader());
        return;
      }
      try {
        if (text.indexOf('\uFFFD') < 0) {
          next = new Row<>(1, schema.parser().apply(text), line);
          bad(1, "missing header: expected " + quotedHeader() + "; line 1 was read as data");
          return;
        }
      } catch (BadRowException e) {
        // Not data either: a wrong header.
      }
      bad(1, "wrong header: expected " + quotedHeader() + ", found " + BadRowException.quote(text));
    }

    private Row<T> parse(String line) {
      if (line.indexOf('\uFFFD') >= 0) {
        bad(lineNumber, "the line is not valid UTF-8");
        return null;
      }
      try {
        return new Row<>(lineNumber, schema.parser().apply(line), line);
      } catch (BadRowException e) {
        bad(lineNumber, e.getMessage());
        return null;
      }
    }

    private void bad(long line, String message) {
      badRowCount++;
      badRows.accept(new BadRow(file, line, message));
    }

    private String quotedHeader() {
      return "\"" + schema.header() + "\"";
    }

    private String readLine() {
      try {
        return in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
