package dev.actorshop.recall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The k best of a stream of scores in O(n log k): a min-heap of size k. Ties are broken by id
 * (the smaller id ranks first), so the result does not depend on the order of the input.
 */
public final class TopK {
  private final int k;
  private final PriorityQueue<Scored> heap;

  public TopK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, was " + k);
    }
    this.k = k;
    this.heap = new PriorityQueue<>(Math.max(1, k), Scored.BEST_FIRST.reversed());
  }

  public void offer(String id, double score) {
    if (k == 0) {
      return;
    }
    if (heap.size() < k) {
      heap.add(new Scored(id, score));
      return;
    }
    Scored worst = heap.peek();
    if (score > worst.score() || (score == worst.score() && id.compareTo(worst.id()) < 0)) {
      heap.poll();
      heap.add(new Scored(id, score));
    }
  }

  /** The kept scores, best first. */
  public List<Scored> best() {
    List<Scored> out = new ArrayList<>(heap);
    out.sort(Scored.BEST_FIRST);
    return Collections.unmodifiableList(out);
  }

  public static List<Scored> of(Map<String, Double> scores, int k) {
    TopK top = new TopK(k);
    scores.forEach(top::offer);
    return top.best();
  }
}
