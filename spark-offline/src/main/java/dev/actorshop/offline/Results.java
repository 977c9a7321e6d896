package dev.actorshop.offline;

import dev.actorshop.contracts.OfflineResults;
import dev.actorshop.recall.OfflineLists;
import dev.actorshop.recall.Scored;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything one run of the jobs produced, readable the way the recommender reads it. */
public final class Results implements OfflineLists {
  private final StatisticsJob.Result statistics;
  private final Map<String, List<Scored>> content;
  private final Map<String, List<Scored>> itemCf;
  private final AlsJob.Result als;
  private final Map<String, List<Scored>> userCategories;
  private final List<Scored> popular;
  private final Map<String, List<Scored>> categoryTop = new HashMap<>();

  public Results(StatisticsJob.Result statistics, Map<String, List<Scored>> content, Map<String, List<Scored>> itemCf,
      AlsJob.Result als, Map<String, List<Scored>> userCategories) {
    this.statistics = statistics;
    this.content = content;
    this.itemCf = itemCf;
    this.als = als;
    this.userCategories = userCategories;
    this.popular = scored(statistics.popular().getOrDefault(OfflineResults.ALL, List.of()));
    statistics.categoryTop().forEach((c, items) -> categoryTop.put(c, scored(items)));
  }

  public StatisticsJob.Result statistics() {
    return statistics;
  }

  public Map<String, List<Scored>> content() {
    return content;
  }

  public Map<String, List<Scored>> itemCf() {
    return itemCf;
  }

  public AlsJob.Result als() {
    return als;
  }

  public Map<String, List<Scored>> userCategories() {
    return userCategories;
  }

  @Override
  public List<Scored> popular() {
    return popular;
  }

  @Override
  public List<Scored> alsUser(String userId) {
    return als.userTop().getOrDefault(userId, List.of());
  }

  @Override
  public List<Scored> userCategories(String userId) {
    return userCategories.getOrDefault(userId, List.of());
  }

  @Override
  public List<Scored> categoryTop(String category) {
    return categoryTop.getOrDefault(category, List.of());
  }

  @Override
  public List<Scored> contentSimilar(String productId) {
    return content.getOrDefault(productId, List.of());
  }

  @Override
  public List<Scored> itemCfSimilar(String productId) {
    return itemCf.getOrDefault(productId, List.of());
  }

  private static List<Scored> scored(List<StatItem> items) {
    return items.stream().map(StatItem::scored).toList();
  }
}
