package dev.actorshop.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation's two files: the JSON of the design's contract, and an HTML page next to it
 * ({@code eval.json} → {@code eval.html}) with three plots drawn as inline SVG (no scripts, no
 * network): the K=10 metrics per path, Recall@K for K = 1..50, and ALS RMSE by user activity.
 */
public final class EvalReport {
  private static final int WIDTH = 900;
  private static final int LEFT = 50;
  private static final int BOTTOM = 40;
  static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948"};

  private EvalReport() {}

  public static Map<String, Object> json(String dataset, Evaluation.Outcome o, Map<String, Long> counts,
      Map<String, Double> timings) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("dataset", dataset);
    Map<String, Object> protocol = new LinkedHashMap<>();
    protocol.put("split", "per user by time: the last 20% (at least one) of each user's ratings are test");
    protocol.put("relevant", "test ratings >= 4.0");
    protocol.put("candidates", "products the user has not rated in train");
    protocol.put("k", OfflineSettings.K);
    root.put("protocol", protocol);
    root.put("counts", counts);
    Map<String, Object> rmse = new LinkedHashMap<>();
    rmse.put("als", round(o.rmse()));
    root.put("rmse", rmse);
    Map<String, Object> topn = new LinkedHashMap<>();
    int k = OfflineSettings.K;
    o.paths().forEach((path, m) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("recall@10", round(m.recall(k)));
      row.put("ndcg@10", round(m.ndcg(k)));
      row.put("hit@10", round(m.hit(k)));
      row.put("coverage", round(m.coverage(k, o.allItems())));
      topn.put(path, row);
    });
    root.put("topn", topn);
    Map<String, Object> t = new LinkedHashMap<>();
    timings.forEach((stage, s) -> t.put(stage, round(s)));
    root.put("timings_s", t);
    return root;
  }

  public static void write(Path jsonFile, Map<String, Object> json, Evaluation.Outcome o, String title) throws IOException {
    Path parent = jsonFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(jsonFile, mapper.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
    Files.writeString(htmlFile(jsonFile), html(o, title), StandardCharsets.UTF_8);
  }

  public static Path htmlFile(Path jsonFile) {
    String name = jsonFile.getFileName().toString();
    String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    return jsonFile.resolveSibling(base + ".html");
  }

  static String html(Evaluation.Outcome o, String title) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title><style>")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1000px}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}svg{display:block;margin:1em 0}</style></head><body>");
    h.append("<h1>").append(esc(title)).append("</h1>");
    h.append("<p>").append(o.evaluatedUsers()).append(" users evaluated (with a relevant held-out product), ")
        .append(o.allItems()).append(" products. Protocol: each user's last 20% of ratings held out; relevant = rated 4.0 or more.</p>");

    List<String> paths = new ArrayList<>(o.paths().keySet());
    int k = OfflineSettings.K;
    h.append("<h2>Top-10 per recall path</h2>");
    Map<String, double[]> bars = new LinkedHashMap<>();
    for (String p : paths) {
      TopNMetrics m = o.paths().get(p);
      bars.put(p, new double[] {m.ndcg(k), m.recall(k), m.hit(k)});
    }
    h.append(groupedBars(bars, new String[] {"NDCG@10", "Recall@10", "HitRate@10"}));
    h.append("<table><tr><th>path</th><th>NDCG@10</th><th>Recall@10</th><th>HitRate@10</th><th>coverage</th></tr>");
    for (String p : paths) {
      TopNMetrics m = o.paths().get(p);
      h.append("<tr><td>").append(esc(p)).append("</td><td>").append(f(m.ndcg(k))).append("</td><td>").append(f(m.recall(k)))
          .append("</td><td>").append(f(m.hit(k))).append("</td><td>").append(f(m.coverage(k, o.allItems()))).append("</td></tr>");
    }
    h.append("</table>");

    h.append("<h2>Recall@K, K = 1..").append(OfflineSettings.MAX_K).append("</h2>");
    Map<String, double[]> curves = new LinkedHashMap<>();
    for (String p : paths) {
      TopNMetrics m = o.paths().get(p);
      double[] c = new double[m.maxK()];
      for (int i = 1; i <= m.maxK(); i++) {
        c[i - 1] = m.recall(i);
      }
      curves.put(p, c);
    }
    h.append(lines(curves));

    h.append("<h2>ALS RMSE by user activity</h2><p>Overall RMSE ").append(f(o.rmse())).append(" on ")
        .append(o.rmsePredicted()).append(" of ").append(o.rmseTest())
        .append(" test ratings (the rest belong to users or products unseen in train). Users grouped by their number of train ratings.</p>");
    Map<String, double[]> rmse = new LinkedHashMap<>();
    for (Evaluation.RmseBucket b : o.rmseByActivity()) {
      rmse.put(b.users() + " (" + b.ratings() + ")", new double[] {Double.isNaN(b.rmse()) ? 0 : b.rmse()});
    }
    h.append(groupedBars(rmse, new String[] {"RMSE"}));
    h.append("</body></html>\n");
    return h.toString();
  }

  /** Groups of bars: one group per key, one bar per series. */
  static String groupedBars(Map<String, double[]> groups, String[] series) {
    int width = WIDTH;
    int height = 300;
    int left = LEFT;
    int bottom = BOTTOM;
    double max = scaleMax(groups, 1.15);
    StringBuilder s = svgStart(width, height + 30);
    axis(s, left, height - bottom, width, max, height - bottom - 10);
    double groupWidth = (double) (width - left - 10) / Math.max(1, groups.size());
    double barWidth = groupWidth * 0.8 / series.length;
    int g = 0;
    for (Map.Entry<String, double[]> e : groups.entrySet()) {
      double x0 = left + g * groupWidth + groupWidth * 0.1;
      for (int i = 0; i < series.length; i++) {
        double v = e.getValue()[i];
        double h = v / max * (height - bottom - 10);
        double x = x0 + i * barWidth;
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %s</title></rect>",
            x, height - bottom - h, barWidth - 2, h, COLOURS[i % COLOURS.length], esc(e.getKey()), series[i], f(v)));
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\">%s</text>",
            x + barWidth / 2, height - bottom - h - 3, f(v)));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
          x0 + groupWidth * 0.4, height - bottom + 16, esc(e.getKey())));
      g++;
    }
    legend(s, series, left, height + 10);
    return s.append("</svg>").toString();
  }

  /** One line per key over x = 1..n. */
  static String lines(Map<String, double[]> curves) {
    int width = WIDTH;
    int height = 320;
    int left = LEFT;
    int bottom = BOTTOM;
    double max = scaleMax(curves, 1.1);
    int n = curves.values().stream().mapToInt(c -> c.length).max().orElse(1);
    StringBuilder s = svgStart(width, height + 30);
    axis(s, left, height - bottom, width, max, height - bottom - 10);
    double dx = (double) (width - left - 20) / Math.max(1, n - 1);
    for (int x = 1; x <= n; x += (x == 1 ? 4 : 5)) {
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d</text>",
          left + (x - 1) * dx, height - bottom + 15, x));
    }
    int i = 0;
    for (Map.Entry<String, double[]> e : curves.entrySet()) {
      StringBuilder points = new StringBuilder();
      double[] c = e.getValue();
      for (int x = 0; x < c.length; x++) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + x * dx, height - bottom - c[x] / max * (height - bottom - 10)));
      }
      s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLOURS[i % COLOURS.length])
          .append("\" points=\"").append(points).append("\"><title>").append(esc(e.getKey())).append("</title></polyline>");
      i++;
    }
    legend(s, curves.keySet().toArray(String[]::new), left, height + 10);
    return s.append("</svg>").toString();
  }

  /** The top of a plot's y axis: the largest value with some headroom (1 when there is nothing to show). */
  private static double scaleMax(Map<String, double[]> series, double headroom) {
    double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
    return max <= 0 ? 1 : max * headroom;
  }

  private static StringBuilder svgStart(int width, int height) {
    return new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", width, height, width, height));
  }

  private static void axis(StringBuilder s, int left, int y0, int width, double max, double span) {
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", left, y0, width - 10, y0));
    for (int t = 0; t <= 4; t++) {
      double v = max * t / 4;
      double y = y0 - span * t / 4;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>", left - 5, y + 3, f(v)));
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", left, y, width - 10, y));
    }
  }

  private static void legend(StringBuilder s, String[] names, int left, int y) {
    int x = left;
    for (int i = 0; i < names.length; i++) {
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, y, COLOURS[i % COLOURS.length]));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>", x + 16, y + 10, esc(names[i])));
      x += 24 + 8 * names[i].length();
    }
  }

  /** Five decimals; an undefined figure (no test rating could be predicted) is {@code null}. */
  static Double round(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1e5) / 1e5;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
