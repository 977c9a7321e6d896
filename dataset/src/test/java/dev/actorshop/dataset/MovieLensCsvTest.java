package dev.actorshop.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.dataset.MovieLensCsv.Movie;
import dev.actorshop.dataset.MovieLensCsv.Rating;
import dev.actorshop.dataset.MovieLensCsv.Tag;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MovieLensCsvTest {
  private static final String MALFORMED =
      "malformed quotes: a quoted field must end with a quote before the next comma";

  @Test
  void parsesAQuotedTitleWithACommaAndSplitsGenres() {
    Movie movie =
        MovieLensCsv.parseMovie("11,\"American President, The (1995)\",Comedy|Drama|Romance");
    assertEquals(
        new Movie("11", "American President, The (1995)", List.of("Comedy", "Drama", "Romance")),
        movie);
  }

  @Test
  void parsesDoubledQuotesInsideQuotes() {
    Movie movie =
        MovieLensCsv.parseMovie("1,\"\"\"Great Performances\"\" Cats (1998)\",Musical\r");
    assertEquals("\"Great Performances\" Cats (1998)", movie.title());
    assertEquals(List.of("Musical"), movie.genres());
  }

  @Test
  void genresAreTrimmedDeduplicatedAndNoGenresListedIsEmpty() {
    assertEquals(
        List.of("Drama", "Sci-Fi"),
        MovieLensCsv.parseMovie("7, Film (2001) , Drama || Sci-Fi|Drama|").genres());
    assertEquals(List.of(), MovieLensCsv.parseMovie("8,Film (2002),(no genres listed)").genres());
    assertEquals("Film (2001)", MovieLensCsv.parseMovie("7, Film (2001) ,Drama").title());
  }

  @Test
  void parsesRatingsAndTagsToleratingACarriageReturn() {
    assertEquals(new Rating("1", "31", 2.5, 1260759144L),
        MovieLensCsv.parseRating("1,31,2.5,1260759144\r"));
    assertEquals(new Rating("u:7", "m-2", 4.0, 0), MovieLensCsv.parseRating("u:7,m-2,4,0"));
    assertEquals(new Tag("15", "339", "sandra 'boring' bullock", 1138537770L),
        MovieLensCsv.parseTag("15,339,sandra 'boring' bullock,1138537770"));
    assertEquals("dark, funny",
        MovieLensCsv.parseTag("2,60756,\"dark, funny\",1445714994").tag());
  }

  @Test
  void formatsLikeMovieLensQuotingOnlyWhenNeeded() {
    assertEquals("1,Toy Story (1995),Adventure|Animation",
        MovieLensCsv.format(new Movie("1", "Toy Story (1995)", List.of("Adventure", "Animation"))));
    assertEquals("11,\"American President, The (1995)\",Comedy",
        MovieLensCsv.format(new Movie("11", "American President, The (1995)", List.of("Comedy"))));
    assertEquals("3,\"\"\"Quoted\"\" Film (1990)\",(no genres listed)",
        MovieLensCsv.format(new Movie("3", "\"Quoted\" Film (1990)", List.of())));
    assertEquals("1,31,4.0,1260759144", MovieLensCsv.format(new Rating("1", "31", 4, 1260759144L)));
    assertEquals("1,31,3.5,5", MovieLensCsv.format(new Rating("1", "31", 3.5, 5)));
    assertEquals("1,31,0.5,5", MovieLensCsv.format(new Rating("1", "31", 0.5, 5)));
    assertEquals("2,60756,\"dark, funny\",1445714994",
        MovieLensCsv.format(new Tag("2", "60756", "dark, funny", 1445714994L)));
  }

  @Test
  void formatThenParseRoundTrips() {
    List<Movie> movies =
        List.of(
            new Movie("1", "Plain (1999)", List.of("Drama")),
            new Movie("2", "Comma, The (1999)", List.of("Film-Noir", "Sci-Fi")),
            new Movie("3", "\"Quotes\", \"more\" (2000)", List.of()),
            new Movie("abc_1.2:3-4", "Ünïcödé — 東京 (2010)", List.of("With, comma")));
    for (Movie movie : movies) {
      assertEquals(movie, MovieLensCsv.parseMovie(MovieLensCsv.format(movie)));
    }
    for (double stars = 0.5; stars <= 5.0; stars += 0.5) {
      Rating rating = new Rating("42", "7", stars, 1_000_000_000L);
      assertEquals(rating, MovieLensCsv.parseRating(MovieLensCsv.format(rating)));
    }
    for (String text : List.of("space", "dark, funny", "\"air quotes\"", "a \"b\", c")) {
      Tag tag = new Tag("1", "2", text, 3);
      assertEquals(tag, MovieLensCsv.parseTag(MovieLensCsv.format(tag)));
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "1,2,6.0,100 | rating: \"6.0\" is not in 0.5..5.0 in steps of 0.5",
        "1,2,3.7,100 | rating: \"3.7\" is not in 0.5..5.0 in steps of 0.5",
        "1,2,0,100 | rating: \"0.0\" is not in 0.5..5.0 in steps of 0.5",
        "1,2,abc,100 | rating: \"abc\" is not a number",
        "1,2,NaN,100 | rating: \"NaN\" is not a number",
        "1,2,-1.0,100 | rating: \"-1.0\" is not in 0.5..5.0 in steps of 0.5",
        "1,2,4.0 | expected 4 columns, found 3",
        "1,2,4.0,5,6 | expected 4 columns, found 5",
        "1,2,4.0,abc | timestamp: \"abc\" is not a whole number",
        "1,2,4.0,1.5 | timestamp: \"1.5\" is not a whole number",
        "1,2,4.0,-5 | timestamp: \"-5\" is negative",
        "1,2,4.0,99999999999999999999 | timestamp: \"99999999999999999999\" is out of range",
        "a b,2,4.0,5 | userId: \"a b\" is not 1 to 29 of A-Z a-z 0-9 _ . : -",
        "1,,4.0,5 | movieId: \"\" is not 1 to 29 of A-Z a-z 0-9 _ . : -",
        "123456789012345678901234567890,2,4.0,5 | "
            + "userId: \"123456789012345678901234567890\" is not 1 to 29 of A-Z a-z 0-9 _ . : -",
        "1,\"2,4.0,5 | " + MALFORMED,
        "1,\"2\"x,4.0,5 | " + MALFORMED,
      })
  void badRatingsNameTheProblem(String line, String message) {
    assertBad(MovieLensCsv::parseRating, line, message);
  }

  @Test
  void badMoviesAndTagsNameTheProblem() {
    assertBad(MovieLensCsv::parseMovie, "1,   ,Drama", "title: is blank");
    String longTitle = "x".repeat(301);
    assertBad(MovieLensCsv::parseMovie, "1," + longTitle + ",Drama",
        "title: \"" + "x".repeat(40) + "...\" is longer than 300 characters (301)");
    assertBad(MovieLensCsv::parseMovie, "1,Title (2000)", "expected 3 columns, found 2");
    assertBad(MovieLensCsv::parseTag, "1,2,  ,5", "tag: is blank");
    assertBad(MovieLensCsv::parseTag, "1,2," + "t".repeat(101) + ",5",
        "tag: \"" + "t".repeat(40) + "...\" is longer than 100 characters (101)");
    assertBad(MovieLensCsv::parseTag, "", "the line is empty");
    assertBad(MovieLensCsv::parseTag, "1,2,a,5\n1,2,b,6", "a row must be on one line");
  }

  @Test
  void recordsRefuseValuesThatWouldNotRoundTrip() {
    assertEquals("rating: \"3.7\" is not in 0.5..5.0 in steps of 0.5",
        assertThrows(BadRowException.class, () -> new Rating("1", "2", 3.7, 0)).getMessage());
    assertEquals("title: \"a\nb\" contains a line break",
        assertThrows(BadRowException.class, () -> new Movie("1", "a\nb", List.of())).getMessage());
    assertEquals("genres: \"Sci|Fi\" is not one genre name",
        assertThrows(BadRowException.class, () -> new Movie("1", "t", List.of("Sci|Fi")))
            .getMessage());
    assertEquals("userId: is missing",
        assertThrows(BadRowException.class, () -> new Tag(null, "2", "t", 0)).getMessage());
  }

  @Test
  void recognisesHeadersWithAByteOrderMarkOrCarriageReturn() {
    assertTrue(
        MovieLensCsv.isHeader("userId,movieId,rating,timestamp", MovieLensCsv.RATINGS_HEADER));
    assertTrue(MovieLensCsv.isHeader("\uFEFFmovieId,title,genres\r", MovieLensCsv.MOVIES_HEADER));
    assertTrue(MovieLensCsv.isHeader("userId,movieId,tag,timestamp\r\n", MovieLensCsv.TAGS_HEADER));
    assertFalse(MovieLensCsv.isHeader("userId,movieId,tag,timestamp", MovieLensCsv.RATINGS_HEADER));
    assertFalse(MovieLensCsv.isHeader("1,2,4.0,5", MovieLensCsv.RATINGS_HEADER));
  }

  private static void assertBad(Function<String, ?> parser, String line, String message) {
    BadRowException e = assertThrows(BadRowException.class, () -> parser.apply(line));
    assertEquals(message, e.getMessage());
  }
}
