package dev.actorshop.offline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The top-N figures of one recall path under the protocol of the design, for every cut-off
 * K = 1..{@code maxK}: Recall@K = hits / |relevant|, NDCG@K with binary gains
 * ({@code Σ 1/log2(rank + 1)} over hits, divided by the same sum over the first
 * {@code min(|relevant|, K)} ranks), HitRate@K = share of users with at least one hit, averaged
 * over the users added; coverage@K = distinct recommended products / all products.
 */
public final class TopNMetrics {
  private final int maxK;
  private final double[] recall;
  private final double[] ndcg;
  private final double[] hit;
  private final List<Set<String>> recommended;
  private int users;

  public TopNMetrics(int maxK) {
    this.maxK = maxK;
    this.recall = new double[maxK];
    this.ndcg = new double[maxK];
    this.hit = new double[maxK];
    this.recommended = java.util.stream.IntStream.range(0, maxK).<Set<String>>mapToObj(k -> new HashSet<>()).toList();
  }

  /** One user's ranked recommendations (best first) against their relevant held-out products. */
  public void add(List<String> ranked, Set<String> relevant) {
    if (relevant.isEmpty()) {
      throw new IllegalArgumentException("a user without a relevant item is not evaluated");
    }
    users++;
    int hits = 0;
    double dcg = 0;
    double idcg = 0;
    for (int k = 1; k <= maxK; k++) {
      if (k <= ranked.size()) {
        String item = ranked.get(k - 1);
        recommended.get(k - 1).add(item);
        if (relevant.contains(item)) {
          hits++;
          dcg += 1 / log2(k + 1);
        }
      }
      if (k <= relevant.size()) {
        idcg += 1 / log2(k + 1);
      }
      recall[k - 1] += (double) hits / relevant.size();
      ndcg[k - 1] += dcg / idcg;
      hit[k - 1] += hits > 0 ? 1 : 0;
    }
  }

  public int users() {
    return users;
  }

  public double recall(int k) {
    return mean(recall, k);
  }

  public double ndcg(int k) {
    return mean(ndcg, k);
  }

  public double hit(int k) {
    return mean(hit, k);
  }

  public double coverage(int k, long allItems) {
    Set<String> distinct = new HashSet<>();
    for (int i = 0; i < k; i++) {
      distinct.addAll(recommended.get(i));
    }
    return allItems == 0 ? 0 : (double) distinct.size() / allItems;
  }

  public int maxK() {
    return maxK;
  }

  private double mean(double[] sums, int k) {
    if (k < 1 || k > maxK) {
      throw new IllegalArgumentException("k must be 1.." + maxK + ", was " + k);
    }
    return users == 0 ? 0 : sums[k - 1] / users;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
