package dev.actorshop.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.actorshop.dataset.Generator;
import dev.actorshop.dataset.GeneratorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole run with evaluation on generated data with planted structure (taste factors,
 * genre affinities, popularity): the personalised paths must find it, and the report must have
 * the design's shape.
 */
class EvaluationTest {
  @TempDir static Path dir;
  static Map<String, Object> summary;
  static JsonNode eval;

  @BeforeAll
  static void run() throws Exception {
    Path data = dir.resolve("data");
    new Generator(new GeneratorSettings(400, 300, 30_000, 11L)).writeTo(data);
    Path out = dir.resolve("report/eval.json");
    summary = OfflineRun.run(LocalSpark.session(), new OfflineRun.Plan(Optional.of(data), Optional.empty(), "generated",
        Optional.of(out), Optional.empty(), OfflineSettings.defaults()), RunStatus.NONE);
    eval = new ObjectMapper().readTree(out.toFile());
  }

  @Test
  void itemCfAndAlsBeatPopularityByAClearMargin() {
    double popularity = ndcg("popularity");
    assertTrue(ndcg("itemcf") > 1.2 * popularity, "itemcf " + ndcg("itemcf") + " vs popularity " + popularity);
    assertTrue(ndcg("als") > 1.2 * popularity, "als " + ndcg("als") + " vs popularity " + popularity);
    assertTrue(ndcg("merged") > popularity, "merged " + ndcg("merged"));
  }

  @Test
  void theJsonHasTheDesignsShape() {
    assertEquals("generated", eval.get("dataset").asText());
    assertEquals(10, eval.get("protocol").get("k").asInt());
    JsonNode counts = eval.get("counts");
    assertEquals(30_000, counts.get("ratings").asLong());
    assertEquals(400, counts.get("users").asLong());
    assertEquals(30_000, counts.get("train").asLong() + counts.get("test").asLong());
    assertTrue(counts.get("evaluated_users").asLong() > 300);
    double rmse = eval.get("rmse").get("als").asDouble();
    assertTrue(rmse > 0.3 && rmse < 1.5, "ALS RMSE " + rmse);
    List<String> rows = List.of("popularity", "category", "content", "itemcf", "als", "merged");
    assertEquals(rows, iterable(eval.get("topn").fieldNames()));
    for (String row : rows) {
      JsonNode m = eval.get("topn").get(row);
      assertEquals(List.of("recall@10", "ndcg@10", "hit@10", "coverage"), iterable(m.fieldNames()), row);
      m.forEach(v -> assertTrue(v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 1, row + " " + m));
      assertTrue(m.get("hit@10").asDouble() >= m.get("recall@10").asDouble() - 1e-9, row);
    }
    assertTrue(eval.get("timings_s").has("als (train)"));
    assertTrue(eval.get("timings_s").get("evaluate").asDouble() >= 0);
  }

  @Test
  void theHtmlReportHasThePlots() throws Exception {
    String html = Files.readString(dir.resolve("report/eval.html"));
    assertEquals(3, html.split("<svg", -1).length - 1, "three plots");
    assertTrue(html.contains("Recall@K"), html);
    assertTrue(html.contains("RMSE by user activity"));
    assertTrue(html.contains("merged"));
  }

  @Test
  void theSummaryNamesWhatARunDidWithoutMongo() {
    assertEquals(null, summary.get("version"));
    String screen = Summary.screen(summary);
    assertTrue(screen.contains("none written"), screen);
    assertTrue(screen.contains("NDCG@10 popularity"), screen);
  }

  private double ndcg(String path) {
    return eval.get("topn").get(path).get("ndcg@10").asDouble();
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
