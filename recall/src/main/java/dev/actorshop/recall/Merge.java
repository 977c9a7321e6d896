package dev.actorshop.recall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the recommender combines its recall paths: weighted reciprocal-rank fusion,
 * {@code score(i) = Σ_p w_p / (K + rank_p(i))} with {@code rank} 1-based and {@code K = 60}.
 * Ranks, not raw scores, because the paths' scores live on unrelated scales (counts, cosines,
 * predicted stars). The weights are chosen by the offline run on a validation slice and
 * published with its results ({@link Weights#toMap()}), so serving and evaluation merge alike.
 */
public final class Merge {
  /** Rank damping of reciprocal-rank fusion (Cormack et al., 2009). */
  public static final int K = 60;

  private Merge() {}

  /** A merged candidate: its fused score and the paths that recalled it, strongest first. */
  public record Merged(String itemId, double score, List<RecallPath> sources) {}

  /** One non-negative weight per path; a path without a weight counts 0. */
  public record Weights(Map<RecallPath, Double> byPath) {
    public Weights {
      Map<RecallPath, Double> copy = new EnumMap<>(RecallPath.class);
      copy.putAll(byPath);
      byPath = Collections.unmodifiableMap(copy);
      byPath.forEach((p, w) -> {
        if (!(w >= 0.0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("weight of " + p.key() + " must be a finite number >= 0, was " + w);
        }
      });
    }

    /** Every path weighs 1. */
    public static Weights equal() {
      Map<RecallPath, Double> w = new EnumMap<>(RecallPath.class);
      for (RecallPath p : RecallPath.values()) {
        w.put(p, 1.0);
      }
      return new Weights(w);
    }

    public double of(RecallPath path) {
      return byPath.getOrDefault(path, 0.0);
    }

    public Weights with(RecallPath path, double weight) {
      Map<RecallPath, Double> w = new EnumMap<>(byPath);
      w.put(path, weight);
      return new Weights(w);
    }

    /** {@code {"als": 2.0, ...}}, the form stored with the offline results. */
    public Map<String, Double> toMap() {
      Map<String, Double> out = new LinkedHashMap<>();
      byPath.forEach((p, w) -> out.put(p.key(), w));
      return out;
    }

    public static Weights fromMap(Map<String, ? extends Number> stored) {
      Map<RecallPath, Double> w = new EnumMap<>(RecallPath.class);
      for (RecallPath p : RecallPath.values()) {
        Number value = stored.get(p.key());
        if (value != null) {
          w.put(p, value.doubleValue());
        }
      }
      return new Weights(w);
    }
  }

  /** The best {@code n} of the paths' candidate lists (each best first), fused. */
  public static List<Merged> merge(Map<RecallPath, List<Scored>> candidates, Weights weights, int n) {
    Objects.requireNonNull(weights, "weights");
    Map<String, Double> scores = new HashMap<>();
    Map<String, Map<RecallPath, Double>> contributions = new HashMap<>();
    candidates.forEach((path, list) -> {
      double w = weights.of(path);
      if (w == 0.0) {
        return;
      }
      for (int rank = 0; rank < list.size(); rank++) {
        String item = list.get(rank).id();
        double part = w / (K + rank + 1);
        scores.merge(item, part, Double::sum);
        contributions.computeIfAbsent(item, i -> new EnumMap<>(RecallPath.class)).put(path, part);
      }
    });
    List<Merged> out = new ArrayList<>(n);
    for (Scored s : TopK.of(scores, n)) {
      List<RecallPath> sources = new ArrayList<>(contributions.get(s.id()).keySet());
      Map<RecallPath, Double> parts = contributions.get(s.id());
      sources.sort((a, b) -> Double.compare(parts.get(b), parts.get(a)));
      out.add(new Merged(s.id(), s.score(), List.copyOf(sources)));
    }
    return out;
  }
}
