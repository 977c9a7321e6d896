package dev.actorshop.http;

import static akka.http.javadsl.server.Directives.complete;
import static akka.http.javadsl.server.Directives.extractMaterializer;
import static akka.http.javadsl.server.Directives.extractRequestEntity;
import static akka.http.javadsl.server.Directives.onSuccess;
import static akka.http.javadsl.server.Directives.path;
import static akka.http.javadsl.server.Directives.pathPrefix;
import static akka.http.javadsl.server.Directives.post;
import static akka.http.javadsl.server.Directives.withRequestTimeout;
import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import akka.stream.Materializer;
import akka.stream.javadsl.Framing;
import akka.stream.scaladsl.Framing.FramingException;
import akka.stream.javadsl.FramingTruncation;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import com.typesafe.config.Config;
import dev.actorshop.conf.Futures;
import dev.actorshop.dataset.BadRowException;
import dev.actorshop.dataset.MovieLensCsv;
import dev.actorshop.product.ProductException;
import dev.actorshop.product.Products;
import dev.actorshop.user.UserEntity.ImportedRating;
import dev.actorshop.user.UserException;
import dev.actorshop.user.UserValidation;
import dev.actorshop.user.Users;
import java.time.Duration;
import scala.concurrent.duration.FiniteDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * Admin bulk import: {@code POST /api/admin/import/{products|ratings|tags}} with a MovieLens CSV body
 * ({@code text/csv}, header line optional) or NDJSON ({@code application/x-ndjson}). The body is
 * streamed line by line; rows go to the entities in batches with bounded parallelism (a user's
 * ratings in one journal write). Bad rows are reported by line and skipped; the rest goes on.
 * Re-sending a body changes nothing: ratings carry event ids derived from the row, products and tags
 * compare with what the entity has.
 */
final class ImportRoutes {
  record RowError(long line, String message) {}

  /** {@code rows}: data lines read; each is applied, unchanged (already there) or rejected. */
  record Report(String kind, long rows, long applied, long unchanged, long rejected, List<RowError> errors) {}

  record Settings(long maxRequestBytes, int batchSize, int parallelism, int maxReportedErrors, Duration requestTimeout) {
    static Settings fromConfig(Config config) {
      Config c = config.getConfig("actorshop.import");
      return new Settings(c.getBytes("max-request-bytes"), c.getInt("batch-size"), c.getInt("parallelism"),
          c.getInt("max-reported-errors"), c.getDuration("request-timeout"));
    }
  }

  /** One non-blank line of the body, numbered from 1 as in the request. */
  private record Line(long number, String text) {}

  /** What became of some rows. */
  private record Outcome(long applied, long unchanged, List<RowError> errors) {
    static Outcome rejected(List<Line> lines, String message) {
      return new Outcome(0, 0, lines.stream().map(l -> new RowError(l.number(), message)).toList());
    }
  }

  private record ParsedRating(Line line, String userId, ImportedRating rating) {}

  private record ParsedTag(Line line, String productId, String tag) {}

  private static final int MAX_LINE_BYTES = 1 << 16;
  private static final Set<String> PRODUCT_FIELDS = Set.of("id", "title", "categories", "tags", "price", "attributes", "stock");
  private static final Set<String> RATING_FIELDS = Set.of("userId", "productId", "score", "timestamp", "eventId");
  private static final Set<String> TAG_FIELDS = Set.of("userId", "productId", "tag", "timestamp");

  private final Users users;
  private final Products products;
  private final Auth auth;
  private final Settings settings;

  ImportRoutes(Users users, Products products, Auth auth, Settings settings) {
    this.users = users;
    this.products = products;
    this.auth = auth;
    this.settings = settings;
  }

  Route routes() {
    // A body of up to max-request-bytes takes longer than the API's usual request timeout.
    return pathPrefix("admin", () -> pathPrefix("import", () ->
        withRequestTimeout(FiniteDuration.fromNanos(settings.requestTimeout().toNanos()), this::concatKinds)));
  }

  private Route concatKinds() {
    return path(segment(), kind -> post(() -> auth.admin(admin -> switch (kind) {
      case "products" -> importing(kind, MovieLensCsv.MOVIES_HEADER, this::importProducts);
      case "ratings" -> importing(kind, MovieLensCsv.RATINGS_HEADER, this::importRatings);
      case "tags" -> importing(kind, MovieLensCsv.TAGS_HEADER, this::importTags);
      default -> complete(ApiErrors.response(StatusCodes.NOT_FOUND, "not_found",
          "no import of '" + kind + "': use products, ratings or tags"));
    })));
  }

  private Route importing(String kind, String csvHeader,
                          BiFunction<Source<Line, ?>, Boolean, Source<Outcome, ?>> importer) {
    return extractRequestEntity(entity -> extractMaterializer(materializer -> {
      if (entity.getContentLengthOption().isPresent()
          && entity.getContentLengthOption().getAsLong() > settings.maxRequestBytes()) {
        return complete(ApiErrors.response(StatusCodes.PAYLOAD_TOO_LARGE, "payload_too_large",
            "an import request may carry at most " + settings.maxRequestBytes() + " bytes; send the rest in more requests"));
      }
      boolean ndjson = isNdjson(entity);
      return onSuccess(run(entity, csvHeader, ndjson, importer, kind, materializer),
          report -> complete(StatusCodes.OK, report, Json.marshaller()));
    }));
  }

  private CompletionStage<Report> run(HttpEntity entity, String csvHeader, boolean ndjson,
                                      BiFunction<Source<Line, ?>, Boolean, Source<Outcome, ?>> importer,
                                      String kind, Materializer materializer) {
    Source<Line, ?> lines = entity.withSizeLimit(settings.maxRequestBytes()).getDataBytes()
        .via(Framing.delimiter(ByteString.fromString("\n"), MAX_LINE_BYTES, FramingTruncation.ALLOW))
        .zipWithIndex()
        .map(p -> new Line(p.second() + 1, stripCarriageReturn(p.first().utf8String())))
        .filter(line -> !line.text().isBlank())
        .filter(line -> ndjson || line.number() != 1 || !MovieLensCsv.isHeader(line.text(), csvHeader));
    long[] totals = new long[4];
    List<RowError> errors = new ArrayList<>();
    return importer.apply(lines, ndjson)
        .runForeach(outcome -> {
          totals[0] += outcome.applied();
          totals[1] += outcome.unchanged();
          totals[2] += outcome.errors().size();
          for (RowError error : outcome.errors()) {
            if (errors.size() < settings.maxReportedErrors()) errors.add(error);
          }
        }, materializer)
        .exceptionally(error -> {
          Throwable cause = Futures.cause(error);
          if (cause instanceof FramingException) {
            throw ApiException.malformed("a line of the body is longer than " + MAX_LINE_BYTES + " bytes");
          }
          throw error instanceof CompletionException ce ? ce : new CompletionException(error);
        })
        .thenApply(done -> {
          errors.sort((a, b) -> Long.compare(a.line(), b.line()));
          return new Report(kind, totals[0] + totals[1] + totals[2], totals[0], totals[1], totals[2], List.copyOf(errors));
        });
  }

  // ---------------------------------------------------------------------------------------------
  // products: movies.csv (movieId,title,genres) or {"id","title","categories","tags","price","attributes","stock"}

  private Source<Outcome, ?> importProducts(Source<Line, ?> lines, boolean ndjson) {
    // Each row is its own product entity (started, recovered, one write): more of them in flight.
    return lines.mapAsyncUnordered(settings.parallelism() * 4, line -> {
      String id;
      Products.Definition definition;
      try {
        if (ndjson) {
          JsonBody body = JsonBody.parse(line.text(), PRODUCT_FIELDS);
          id = body.requiredText("id");
          definition = new Products.Definition(body.requiredText("title"), body.optionalTextList("categories"),
              body.optionalTextList("tags"), body.optionalDecimal("price"), body.optionalTextMap("attributes"),
              body.optionalLong("stock"));
        } else {
          MovieLensCsv.Movie movie = MovieLensCsv.parseMovie(line.text());
          id = movie.movieId();
          definition = new Products.Definition(movie.title(), movie.genres(), null, null, null, null);
        }
      } catch (BadRowException | ApiException e) {
        return CompletableFuture.completedFuture(Outcome.rejected(List.of(line), e.getMessage()));
      }
      return rejectionsAsErrors(List.of(line), products.define(id, definition)
          .thenApply(defined -> defined.changed() ? new Outcome(1, 0, List.of()) : new Outcome(0, 1, List.of())));
    });
  }

  // ---------------------------------------------------------------------------------------------
  // ratings: ratings.csv (userId,movieId,rating,timestamp) or {"userId","productId","score","timestamp","eventId"?}

  private Source<Outcome, ?> importRatings(Source<Line, ?> lines, boolean ndjson) {
    return lines
        .grouped(settings.batchSize())
        .mapConcat(batch -> {
          // Consecutive rows of one user (ratings.csv is sorted by user) become one command.
          List<Object> groups = new ArrayList<>();
          List<ParsedRating> group = new ArrayList<>();
          List<RowError> errors = new ArrayList<>();
          for (Line line : batch) {
            ParsedRating row;
            try {
              row = parseRating(line, ndjson);
            } catch (BadRowException | ApiException e) {
              errors.add(new RowError(line.number(), e.getMessage()));
              continue;
            }
            if (!group.isEmpty() && !group.get(0).userId().equals(row.userId())) {
              groups.add(group);
              group = new ArrayList<>();
            }
            group.add(row);
          }
          if (!group.isEmpty()) groups.add(group);
          if (!errors.isEmpty()) groups.add(new Outcome(0, 0, errors));
          return groups;
        })
        .mapAsyncUnordered(settings.parallelism(), item -> {
          if (item instanceof Outcome outcome) return CompletableFuture.completedFuture(outcome);
          @SuppressWarnings("unchecked")
          List<ParsedRating> group = (List<ParsedRating>) item;
          List<Line> rows = group.stream().map(ParsedRating::line).toList();
          return rejectionsAsErrors(rows, users.importRatings(group.get(0).userId(),
                  group.stream().map(ParsedRating::rating).toList())
              .thenApply(result -> new Outcome(result.applied(), result.unchanged(), List.of())));
        });
  }

  private static ParsedRating parseRating(Line line, boolean ndjson) {
    String userId;
    String productId;
    double score;
    long timestamp;
    String eventId = null;
    if (ndjson) {
      JsonBody body = JsonBody.parse(line.text(), RATING_FIELDS);
      userId = body.requiredText("userId");
      productId = body.requiredText("productId");
      score = body.requiredNumber("score");
      timestamp = body.requiredLong("timestamp");
      eventId = body.optionalText("eventId").orElse(null);
    } else {
      MovieLensCsv.Rating r = MovieLensCsv.parseRating(line.text());
      userId = r.userId();
      productId = r.movieId();
      score = r.rating();
      timestamp = r.timestamp();
    }
    // Checked per row here, so one bad row does not sink the other rows of its user.
    check("userId", UserValidation.usernameProblem(Users.IMPORTED_PREFIX + userId));
    check("productId", UserValidation.productIdProblem(productId));
    check("score", UserValidation.scoreProblem(score));
    if (timestamp < 0) throw ApiException.invalidField("timestamp", "must be seconds since 1970, not negative");
    if (eventId == null) eventId = "import:" + userId + ":" + productId + ":" + timestamp + ":" + score;
    return new ParsedRating(line, userId, new ImportedRating(productId, score, Instant.ofEpochSecond(timestamp), eventId));
  }

  private static void check(String field, Optional<String> problem) {
    problem.ifPresent(p -> {
      throw ApiException.invalidField(field, p);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // tags: tags.csv (userId,movieId,tag,timestamp) or {"userId","productId","tag","timestamp"}

  private Source<Outcome, ?> importTags(Source<Line, ?> lines, boolean ndjson) {
    return lines
        .grouped(settings.batchSize())
        .mapConcat(batch -> {
          // A product's tags in one batch become one command.
          Map<String, List<ParsedTag>> byProduct = new LinkedHashMap<>();
          List<RowError> errors = new ArrayList<>();
          for (Line line : batch) {
            try {
              ParsedTag tag = parseTag(line, ndjson);
              byProduct.computeIfAbsent(tag.productId(), p -> new ArrayList<>()).add(tag);
            } catch (BadRowException | ApiException e) {
              errors.add(new RowError(line.number(), e.getMessage()));
            }
          }
          List<Object> items = new ArrayList<>(byProduct.values());
          if (!errors.isEmpty()) items.add(new Outcome(0, 0, errors));
          return items;
        })
        .mapAsyncUnordered(settings.parallelism(), item -> {
          if (item instanceof Outcome outcome) return CompletableFuture.completedFuture(outcome);
          @SuppressWarnings("unchecked")
          List<ParsedTag> group = (List<ParsedTag>) item;
          List<Line> rows = group.stream().map(ParsedTag::line).toList();
          List<String> tags = group.stream().map(ParsedTag::tag).distinct().toList();
          return rejectionsAsErrors(rows, products.addTags(group.get(0).productId(), tags)
              .thenApply(added -> new Outcome(added, group.size() - added, List.of())));
        });
  }

  private static ParsedTag parseTag(Line line, boolean ndjson) {
    if (ndjson) {
      JsonBody body = JsonBody.parse(line.text(), TAG_FIELDS);
      body.requiredText("userId");
      body.requiredLong("timestamp");
      return new ParsedTag(line, body.requiredText("productId"), body.requiredText("tag").strip());
    }
    MovieLensCsv.Tag t = MovieLensCsv.parseTag(line.text());
    return new ParsedTag(line, t.movieId(), t.tag().strip());
  }

  // ---------------------------------------------------------------------------------------------

  /** A rejection by the entity or its facade is a bad row; anything else (timeouts) fails the request. */
  private static CompletionStage<Outcome> rejectionsAsErrors(List<Line> lines, CompletionStage<Outcome> call) {
    return call.exceptionally(error -> {
      Throwable cause = Futures.cause(error);
      if (cause instanceof UserException || cause instanceof ProductException) {
        return Outcome.rejected(lines, cause.getMessage());
      }
      throw error instanceof CompletionException ce ? ce : new CompletionException(error);
    });
  }

  private static boolean isNdjson(HttpEntity entity) {
    String subType = entity.getContentType().mediaType().subType();
    return subType.equals("x-ndjson") || subType.equals("ndjson") || subType.equals("jsonl");
  }

  private static String stripCarriageReturn(String text) {
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
