package dev.actorshop.recall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.recall.Merge.Merged;
import dev.actorshop.recall.Merge.Weights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecallTest {
  private static final double EPS = 1e-12;

  @Test
  void topKKeepsTheBestWhateverTheInputOrder() {
    List<Scored> all = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      all.add(new Scored("i" + i, i % 10));
    }
    List<Scored> expected = null;
    for (long seed = 0; seed < 5; seed++) {
      Collections.shuffle(all, new Random(seed));
      TopK top = new TopK(12);
      all.forEach(s -> top.offer(s.id(), s.score()));
      List<Scored> best = top.best();
      assertEquals(12, best.size());
      // ten items score 9; ties go to the smaller id, then the two best 8s
      assertEquals("i19", best.get(0).id());
      assertEquals("i99", best.get(9).id());
      assertEquals(List.of("i18", "i28"), best.subList(10, 12).stream().map(Scored::id).toList());
      if (expected != null) {
        assertEquals(expected, best);
      }
      expected = best;
    }
  }

  @Test
  void storedListsLoseWhatTheUserRated() {
    List<Scored> popular = List.of(new Scored("a", 9), new Scored("b", 8), new Scored("c", 7), new Scored("d", 6));
    assertEquals(List.of("b", "d"), ids(Recall.fromList(popular, Set.of("a", "c"), 2)));
  }

  @Test
  void neighboursAreWeightedByHowMuchTheUserLikedEachRecentItem() {
    // recent ratings 5, 4, 3 → mean 4 → weights 2, 1, 0
    List<Rated> recent = List.of(new Rated("x", 5), new Rated("y", 4), new Rated("z", 3));
    Map<String, List<Scored>> sims = Map.of(
        "x", List.of(new Scored("p", 0.5), new Scored("q", 0.2), new Scored("y", 0.9)),
        "y", List.of(new Scored("q", 0.6), new Scored("r", 0.1)),
        "z", List.of(new Scored("r", 1.0)));
    List<Scored> got = Recall.neighbours(recent, i -> sims.getOrDefault(i, List.of()), Set.of("x", "y", "z"), 10);
    // p = 0.5·2 = 1.0; q = 0.2·2 + 0.6·1 = 1.0; r = 0.1·1 (+ 1.0·0 from z) = 0.1; y is rated
    assertEquals(List.of("p", "q", "r"), ids(got));
    assertEquals(1.0, got.get(0).score(), EPS);
    assertEquals(1.0, got.get(1).score(), EPS);
    assertEquals(0.1, got.get(2).score(), EPS);
    assertEquals(List.of(), Recall.neighbours(List.of(), i -> List.of(), Set.of(), 10));
  }

  @Test
  void categoriesMixAffinityAndPlaceInTheCategory() {
    List<Scored> affinities = List.of(new Scored("Drama", 0.6), new Scored("Comedy", 0.4));
    Map<String, List<Scored>> tops = Map.of(
        "Drama", List.of(new Scored("d1", 10), new Scored("both", 8), new Scored("d2", 5), new Scored("d3", 2.5)),
        "Comedy", List.of(new Scored("both", 4), new Scored("c1", 2)));
    List<Scored> got = Recall.categories(affinities, tops::get, Set.of("d1"), 10);
    // both = 0.6·8/10 + 0.4·4/4 = 0.88; d2 = 0.6·0.5 = 0.3; c1 = 0.4·0.5 = 0.2; d3 = 0.6·0.25 = 0.15
    assertEquals(List.of("both", "d2", "c1", "d3"), ids(got));
    assertEquals(0.88, got.get(0).score(), EPS);
    assertEquals(0.15, got.get(3).score(), EPS);
    // scores that say nothing: by place, 1 − rank/length
    Map<String, List<Scored>> flat = Map.of("Drama", List.of(new Scored("x", 0), new Scored("y", 0)));
    List<Scored> byPlace = Recall.categories(List.of(new Scored("Drama", 1.0)), flat::get, Set.of(), 10);
    assertEquals(List.of(1.0, 0.5), byPlace.stream().map(Scored::score).toList());
  }

  @Test
  void mergeIsWeightedReciprocalRankFusionAndNamesItsSources() {
    Map<RecallPath, List<Scored>> lists = new EnumMap<>(RecallPath.class);
    lists.put(RecallPath.ALS, List.of(new Scored("a", 4.9), new Scored("b", 4.1)));
    lists.put(RecallPath.ITEMCF, List.of(new Scored("b", 0.9), new Scored("c", 0.3)));
    lists.put(RecallPath.POPULARITY, List.of(new Scored("c", 1000)));
    Weights w = Weights.equal().with(RecallPath.ALS, 2.0).with(RecallPath.POPULARITY, 0.0);
    List<Merged> merged = Merge.merge(lists, w, 10);
    // a = 2/61; b = 2/62 + 1/61; c = 1/62 (popularity weighs 0)
    assertEquals(List.of("b", "a", "c"), merged.stream().map(Merged::itemId).toList());
    assertEquals(2.0 / 62 + 1.0 / 61, merged.get(0).score(), EPS);
    assertEquals(List.of(RecallPath.ALS, RecallPath.ITEMCF), merged.get(0).sources());
    assertEquals(List.of(RecallPath.ITEMCF), merged.get(2).sources());
    assertEquals(1, Merge.merge(lists, w, 1).size());
  }

  @Test
  void weightsRoundTripAndRefuseNonsense() {
    Weights w = Weights.equal().with(RecallPath.CONTENT, 0.5);
    assertEquals(w, Weights.fromMap(w.toMap()));
    assertEquals(0.0, Weights.fromMap(Map.of()).of(RecallPath.ALS));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.with(RecallPath.ALS, -1));
    assertTrue(e.getMessage().contains("als"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> w.with(RecallPath.ALS, Double.NaN));
  }

  private static List<String> ids(List<Scored> scored) {
    return scored.stream().map(Scored::id).toList();
  }
}
