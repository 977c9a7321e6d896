package dev.actorshop.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.dataset.MovieLensCsv.Rating;
import dev.actorshop.dataset.MovieLensFile.BadRow;
import dev.actorshop.dataset.MovieLensFile.Row;
import dev.actorshop.dataset.MovieLensFile.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensFileTest {
  @TempDir Path dir;

  private final List<Row<Rating>> rows = new ArrayList<>();
  private final List<BadRow> badRows = new ArrayList<>();

  @Test
  void numbersPhysicalLinesAndKeepsGoingPastABadRow() throws IOException {
    Path file =
        write(
            "userId,movieId,rating,timestamp\r\n"
                + "1,10,4.0,100\r\n"
                + "1,11,7.5,101\r\n"
                + "\r\n"
                + "   \r\n"
                + "2,10,3.5,102\r\n"
                + "2,12,oops,103\r\n"
                + "2,13,5.0,104");
    Summary summary = read(file);

    assertEquals(List.of(2L, 6L, 8L), rows.stream().map(Row::line).toList());
    assertEquals(new Rating("2", "10", 3.5, 102), rows.get(1).value());
    assertEquals("2,10,3.5,102", rows.get(1).rawLine());
    assertEquals(
        List.of(
            new BadRow(file, 3, "rating: \"7.5\" is not in 0.5..5.0 in steps of 0.5"),
            new BadRow(file, 7, "rating: \"oops\" is not a number")),
        badRows);
    assertEquals("ratings.csv:3: rating: \"7.5\" is not in 0.5..5.0 in steps of 0.5",
        badRows.get(0).describe());
    assertEquals(new Summary(3, 2), summary);
  }

  @Test
  void aWrongHeaderIsABadRowOnLineOneAndTheRowsAreStillRead() throws IOException {
    Path file = write("user,movie,stars,time\n1,10,4.0,100\n2,10,3.0,101\n");
    read(file);
    assertEquals(
        List.of(
            new BadRow(file, 1,
                "wrong header: expected \"userId,movieId,rating,timestamp\", "
                    + "found \"user,movie,stars,time\"")),
        badRows);
    assertEquals(List.of(2L, 3L), rows.stream().map(Row::line).toList());
  }

  @Test
  void aMissingHeaderIsReportedAndLineOneIsStillDelivered() throws IOException {
    Path file = write("1,10,4.0,100\n2,10,3.0,101\n");
    read(file);
    assertEquals(
        List.of(new BadRow(file, 1, "missing header: expected "
            + "\"userId,movieId,rating,timestamp\"; line 1 was read as data")),
        badRows);
    assertEquals(List.of(1L, 2L), rows.stream().map(Row::line).toList());
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsFine() throws IOException {
    read(write("\uFEFFuserId,movieId,rating,timestamp\n1,10,4.0,100\n"));
    assertEquals(List.of(), badRows);
    assertEquals(1, rows.size());
  }

  @Test
  void anEmptyFileIsOneBadRow() throws IOException {
    Path file = write("");
    read(file);
    assertEquals(List.of(), rows);
    assertEquals(
        List.of(new BadRow(file, 1,
            "the file is empty: expected the header \"userId,movieId,rating,timestamp\"")),
        badRows);
  }

  @Test
  void bytesThatAreNotUtf8MakeTheirLineBad() throws IOException {
    Path file = dir.resolve("tags.csv");
    byte[] head = "userId,movieId,tag,timestamp\n1,2,caf".getBytes(StandardCharsets.UTF_8);
    byte[] tail = ",5\n1,3,fine,6\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    bytes[head.length] = (byte) 0xE9; // Latin-1 "é"
    System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
    Files.write(file, bytes);

    List<BadRow> bad = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    MovieLensFile.forEach(file, MovieLensFile.TAGS, row -> lines.add(row.line()), bad::add);
    assertEquals(List.of(new BadRow(file, 2, "the line is not valid UTF-8")), bad);
    assertEquals(List.of(3L), lines);
  }

  @Test
  void theReaderIsAPullIterator() throws IOException {
    Path file = write("userId,movieId,rating,timestamp\n1,10,4.0,100\n1,11,bad,101\n");
    try (MovieLensFile.Reader<Rating> reader =
        MovieLensFile.open(file, MovieLensFile.RATINGS, badRows::add)) {
      assertTrue(reader.hasNext());
      assertTrue(reader.hasNext());
      assertEquals(2, reader.next().line());
      assertEquals(List.of(), badRows);
      assertFalse(reader.hasNext());
      assertEquals(1, badRows.size());
      assertThrows(NoSuchElementException.class, reader::next);
      assertEquals(new Summary(1, 1), reader.summary());
    }
  }

  @Test
  void countsDataLinesWithoutTheHeaderOrBlankLines() throws IOException {
    assertEquals(3, MovieLensFile.count(
        write("userId,movieId,rating,timestamp\r\n1,1,4.0,1\r\n\r\n \t\n1,2,4.0,1\n1,3,x,1")));
    assertEquals(2, MovieLensFile.count(write("1,1,4.0,1\n1,2,4.0,1\n\n")));
    assertEquals(1, MovieLensFile.count(write("\uFEFFmovieId,title,genres\n1,A (1999),Drama\n")));
    assertEquals(0, MovieLensFile.count(write("")));
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("ratings.csv"), text);
  }

  private Summary read(Path file) throws IOException {
    return MovieLensFile.forEach(file, MovieLensFile.RATINGS, rows::add, badRows::add);
  }
}
