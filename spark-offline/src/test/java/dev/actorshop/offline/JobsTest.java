package dev.actorshop.offline;

import static dev.actorshop.offline.LocalSpark.cats;
import static dev.actorshop.offline.LocalSpark.p;
import static dev.actorshop.offline.LocalSpark.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.actorshop.contracts.OfflineResults;
import dev.actorshop.recall.Scored;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Each job on tiny data whose answer was worked out by hand (in the comments). */
class JobsTest {
  private static final double EPS = 1e-9;
  // 2020-01-15 and 2020-02-15 (UTC), in epoch seconds
  private static final long JAN = 1579046400L;
  private static final long FEB = 1581724800L;

  @Test
  void statisticsCountShrinkAndSplitByMonthAndCategory() {
    Dataset<Row> ratings = LocalSpark.ratings(
        r("u1", "a", 5, JAN), r("u2", "a", 4, JAN), r("u3", "a", 3, FEB),
        r("u1", "b", 5, FEB), r("u2", "b", 5, FEB),
        r("u1", "c", 1, FEB));
    Dataset<Row> products = LocalSpark.products(
        p("a", cats("Drama")), p("b", cats("Drama", "Comedy")), p("c", cats("Comedy")));
    OfflineSettings s = OfflineSettings.defaults();
    StatisticsJob.Result stats = StatisticsJob.run(ratings, products, s);

    // global mean μ = 23/6; counts a 3, b 2, c 1
    assertEquals(23.0 / 6, stats.globalMean(), EPS);
    assertEquals(List.of("a", "b", "c"), ids(stats.popular().get(OfflineResults.ALL)));
    assertEquals(3, stats.popular().get(OfflineResults.ALL).get(0).count());
    assertEquals(List.of("a"), ids(stats.popular().get("month:2020-01")));
    // February: b twice, then a and c once each (ties by id)
    assertEquals(List.of("b", "a", "c"), ids(stats.popular().get("month:2020-02")));
    // shrunk mean with m = 10: a (12 + 10μ)/13 = 3.8718, b (10 + 10μ)/12 = 4.0278, c (1 + 10μ)/11 = 3.5758
    List<StatItem> top = stats.topRated();
    assertEquals(List.of("b", "a", "c"), ids(top));
    assertEquals((10 + 10 * 23.0 / 6) / 12, top.get(0).score(), EPS);
    assertEquals(5.0, top.get(0).mean(), EPS);
    assertEquals(List.of("a", "b"), ids(stats.categoryTop().get("Drama")));
    assertEquals(List.of("b", "c"), ids(stats.categoryTop().get("Comedy")));
  }

  @Test
  void contentIsTheCosineOfTfIdfVectors() {
    Dataset<Row> products = LocalSpark.products(
        p("a", cats("Drama"), "space", "space"),
        p("b", cats("Drama"), "space"),
        p("c", cats("Comedy")));
    Dataset<Row> ratedOnce = LocalSpark.ratings(r("u1", "a", 4, 1), r("u1", "b", 3, 2));
    Map<String, List<Scored>> sims = ContentJob.run(products, ratedOnce, 5, 0);
    // N = 3. idf(c:drama) = idf(t:space) = ln(4/3) + 1 = i; idf(c:comedy) = ln(4/2) + 1.
    // a = (i, (1 + ln 2)·i) normalised, b = (i, i) normalised; c shares nothing with them.
    double x = 1 + Math.log(2);
    double cosine = (1 + x) / (Math.sqrt(1 + x * x) * Math.sqrt(2));
    assertEquals(List.of("b"), ids(sims.get("a")));
    assertEquals(cosine, sims.get("a").get(0).score(), 1e-6);
    assertEquals(cosine, sims.get("b").get(0).score(), 1e-6);
    assertFalse(sims.containsKey("c"), "a product that shares no term has no neighbours");
    // weighted by support: each has one rating, so with m = 10 the score is cos · 1/11
    assertEquals(cosine / 11, ContentJob.run(products, ratedOnce, 5, 10).get("a").get(0).score(), 1e-6);

    // equally similar neighbours: the one with more ratings first (2/12, 1/11, 0), then by id
    Dataset<Row> twins = LocalSpark.products(p("q", cats("Drama")), p("r", cats("Drama")), p("s", cats("Drama")), p("t", cats("Drama")));
    Map<String, List<Scored>> tied = ContentJob.run(twins, LocalSpark.ratings(r("u1", "t", 4, 1), r("u2", "t", 3, 1), r("u1", "s", 2, 1)), 5, 10);
    assertEquals(List.of("t", "s", "r"), ids(tied.get("q")));
  }

  @Test
  void itemCfNormalisesCoOccurrenceByBothPopularities() {
    Dataset<Row> ratings = LocalSpark.ratings(
        r("u1", "a", 4, 1), r("u1", "b", 2, 2),
        r("u2", "a", 5, 1), r("u2", "b", 5, 2), r("u2", "c", 1, 3),
        r("u3", "a", 3, 1));
    Map<String, List<Scored>> sims = ItemCfJob.run(ratings, 100, 5);
    // n(a) = 3, n(b) = 2, n(c) = 1; co(a,b) = 2, co(a,c) = co(b,c) = 1
    assertEquals(List.of("b", "c"), ids(sims.get("a")));
    assertEquals(2 / Math.sqrt(6), sims.get("a").get(0).score(), EPS);
    assertEquals(1 / Math.sqrt(3), sims.get("a").get(1).score(), EPS);
    assertEquals(List.of("a", "c"), ids(sims.get("b")));
    assertEquals(1 / Math.sqrt(2), sims.get("c").get(0).score(), EPS);
    assertEquals("b", sims.get("c").get(0).id());

    // only each user's latest two ratings: u2 keeps b and c, so a and c never meet
    Map<String, List<Scored>> capped = ItemCfJob.run(ratings, 2, 5);
    assertEquals(List.of("b"), ids(capped.get("a")));
    // n(a) = 2 (u1, u3), n(b) = 2, co(a,b) = 1 (u1)
    assertEquals(0.5, capped.get("a").get(0).score(), EPS);
  }

  @Test
  void categoryAffinityIsTheShareOfTheUsersLikingPerCategory() {
    Dataset<Row> ratings = LocalSpark.ratings(r("u1", "a", 5, 1), r("u1", "b", 4, 2), r("u1", "c", 1, 3));
    Dataset<Row> products = LocalSpark.products(
        p("a", cats("Drama")), p("b", cats("Drama", "Comedy")), p("c", cats("Horror")));
    Map<String, List<Scored>> aff = CategoryAffinityJob.run(ratings, products, 5);
    // μ = 10/3; w(a) = 5 − 10/3 + 1 = 8/3, w(b) = 5/3, w(c) = max(0, −4/3) = 0; total 13/3
    List<Scored> u1 = aff.get("u1");
    assertEquals(List.of("Drama", "Comedy"), ids(u1));
    assertEquals(1.0, u1.get(0).score(), EPS);
    assertEquals(5.0 / 13, u1.get(1).score(), EPS);
    assertEquals(1, CategoryAffinityJob.run(ratings, products, 1).get("u1").size());
  }

  @Test
  void alsListsLeaveOutRatedProductsAndItselfAndTheGridPicksItsBest() {
    // two taste groups: users 1..6 love x-products and dislike y-products, users 7..12 the opposite
    java.util.List<Object[]> rows = new java.util.ArrayList<>();
    long t = 0;
    for (int u = 1; u <= 12; u++) {
      boolean xFan = u <= 6;
      for (int i = 1; i <= 6; i++) {
        if ((u + i) % 4 == 0) {
          continue; // each user leaves some products unrated
        }
        rows.add(r("u" + u, "x" + i, xFan ? 5 : 1, t++));
        rows.add(r("u" + u, "y" + i, xFan ? 1 : 5, t++));
      }
    }
    OfflineSettings d = OfflineSettings.defaults();
    OfflineSettings s = new OfflineSettings(3, 50, 50, 20, 100, 10, 50, 6, 5, List.of(2, 4), List.of(0.05, 0.2), 10, 0.0, 7L, d.merge());
    AlsJob.Result als = AlsJob.run(LocalSpark.ratings(rows.toArray(Object[][]::new)), s);

    assertEquals(4, als.grid().size());
    double bestRmse = als.grid().stream().mapToDouble(AlsJob.Choice::rmse).min().orElseThrow();
    assertEquals(bestRmse, als.chosen().rmse(), EPS);
    // u1 did not rate x3 (1 + 3 = 4) nor y3: x3 must come first, and nothing u1 rated appears
    List<String> u1 = ids(als.userTop().get("u1"));
    assertEquals("x3", u1.get(0), u1.toString());
    assertTrue(u1.size() <= 2 && !u1.contains("x1"), u1.toString());
    // item neighbours: the same group, never the item itself
    List<String> nearX1 = ids(als.similar().get("x1"));
    assertEquals(3, nearX1.size());
    assertFalse(nearX1.contains("x1"));
    assertTrue(nearX1.stream().allMatch(i -> i.startsWith("x")), nearX1.toString());
  }

  private static List<String> ids(List<?> items) {
    return items.stream().map(i -> i instanceof Scored s ? s.id() : ((StatItem) i).productId()).toList();
  }
}
