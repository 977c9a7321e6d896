package dev.actorshop.offline;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The one-screen summary a run ends with. */
final class Summary {
  private Summary() {}

  @SuppressWarnings("unchecked")
  static String screen(Map<String, Object> s) {
    StringBuilder out = new StringBuilder("\nactorshop offline: done in ").append(s.get("total_s")).append(" s\n");
    Map<String, Object> counts = (Map<String, Object>) s.get("counts");
    out.append(String.format(Locale.ROOT, "  input       %s: %s ratings, %s users, %s products, %s bad rows skipped%n",
        s.get("source"), counts.get("ratings"), counts.get("users"), counts.get("items"), counts.get("bad_rows")));
    Map<String, Object> als = (Map<String, Object>) s.get("als");
    out.append(String.format(Locale.ROOT, "  ALS         rank %s, regParam %s (validation RMSE %s)%n",
        als.get("rank"), als.get("regParam"), als.get("validationRmse")));
    if (s.get("version") != null) {
      out.append(String.format(Locale.ROOT, "  version     %s is current (previous: %s); documents %s%n",
          s.get("version"), s.get("previousVersion") == null ? "none" : s.get("previousVersion"), s.get("written")));
    } else {
      out.append("  version     none written (no --mongo)\n");
    }
    if (s.containsKey("topn")) {
      Map<String, Map<String, Object>> topn = (Map<String, Map<String, Object>>) s.get("topn");
      out.append("  evaluation  NDCG@10 ").append(topn.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue().get("ndcg@10")).collect(Collectors.joining(", "))).append('\n');
      out.append("              Recall@10 ").append(topn.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue().get("recall@10")).collect(Collectors.joining(", "))).append('\n');
      out.append("              ALS RMSE ").append(((Map<String, Object>) s.get("rmse")).get("als"))
          .append(" → ").append(s.get("evalJson")).append(", ").append(s.get("evalHtml")).append('\n');
    }
    Map<String, Object> timings = (Map<String, Object>) s.get("timings_s");
    out.append("  stages (s)  ").append(timings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(" · "))).append('\n');
    return out.toString();
  }
}
