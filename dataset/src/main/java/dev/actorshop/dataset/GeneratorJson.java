package dev.actorshop.dataset;

import static dev.actorshop.dataset.GeneratorModel.*;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The text of {@code generator.json}: the settings, the row counts, the mean rating, and every
 * parameter of {@link GeneratorModel}, so a data set says how it was made.
 */
final class GeneratorJson {
  private GeneratorJson() {}

  static String describe(GeneratorSettings settings, double ratingMean, long tags) {
    int minPerUser = (int) Math.min(MIN_RATINGS_PER_USER, settings.ratings() / settings.users());
    return "{\n"
        + "  \"format\": \"movielens\",\n"
        + "  \"settings\": {\"users\": " + settings.users() + ", \"items\": " + settings.items()
        + ", \"ratings\": " + settings.ratings() + ", \"seed\": " + settings.seed() + "},\n"
        + "  \"rows\": {\"movies\": " + settings.items() + ", \"ratings\": " + settings.ratings()
        + ", \"tags\": " + tags + "},\n"
        + "  \"mean_rating\": " + Math.round(ratingMean * 10_000) / 10_000.0 + ",\n"
        + "  \"model\": {\n"
        + "    \"factors\": " + FACTORS + ",\n"
        + "    \"genre_share_of_factor\": " + GENRE_SHARE_OF_FACTOR + ",\n"
        + "    \"genres\": [" + Genres.NAMES.stream().map(n -> "\"" + n + "\"")
            .collect(Collectors.joining(", ")) + "],\n"
        + "    \"genre_weights\": " + numbers(Genres.ITEM_WEIGHTS) + ",\n"
        + "    \"genres_per_movie\": " + numbers(GENRES_PER_MOVIE) + ",\n"
        + "    \"popularity\": {\"law\": \"zipf\", \"exponent\": " + POPULARITY_EXPONENT
        + ", \"offset\": " + POPULARITY_OFFSET + "},\n"
        + "    \"movie_bias\": {\"sd\": " + MOVIE_BIAS_SD + ", \"per_popularity_sd\": "
        + MOVIE_BIAS_PER_POPULARITY + "},\n"
        + "    \"user_bias_sd\": " + USER_BIAS_SD + ",\n"
        + "    \"activity\": {\"min_ratings_per_user\": " + minPerUser + ", \"lognormal_sigma\": "
        + ACTIVITY_SIGMA + ", \"max_ratings_per_user\": "
        + ActivityPlan.maxRatingsPerUser(settings.items()) + "},\n"
        + "    \"favourite_genres\": {\"count\": [" + MIN_FAVOURITE_GENRES + ", "
        + MAX_FAVOURITE_GENRES + "], \"affinity\": [" + FAVOURITE_AFFINITY_MIN + ", "
        + FAVOURITE_AFFINITY_MAX + "]},\n"
        + "    \"disliked_genre\": {\"probability\": " + DISLIKE_PROBABILITY + ", \"affinity\": ["
        + DISLIKE_AFFINITY_MIN + ", " + DISLIKE_AFFINITY_MAX + "]},\n"
        + "    \"affinity_noise_sd\": " + AFFINITY_NOISE_SD + ",\n"
        + "    \"drift\": {\"late_taste_correlation\": " + LATE_TASTE_CORRELATION
        + ", \"favourite_genres_swapped\": 1},\n"
        + "    \"time\": {\"first_rating\": " + FIRST_RATING + ", \"end\": " + END
        + ", \"active_days\": [" + MIN_ACTIVE_DAYS + ", " + MAX_ACTIVE_DAYS + "]},\n"
        + "    \"rating\": {\"baseline\": " + BASELINE + ", \"factor_weight\": " + FACTOR_WEIGHT
        + ", \"affinity_weight\": " + AFFINITY_WEIGHT + ", \"noise_sd\": " + NOISE_SD
        + ", \"half_star_users\": " + HALF_STAR_USERS + "},\n"
        + "    \"selection\": {\"candidates\": " + CANDIDATES + ", \"sharpness\": "
        + SELECTION_SHARPNESS + ", \"candidate_draws\": " + CANDIDATE_DRAWS + "},\n"
        + "    \"tags\": {\"per_rating\": " + TAGS_PER_RATING + ", \"tagger_share\": "
        + TAGGER_SHARE + ", \"tagger_sigma\": " + TAGGER_SIGMA + ", \"second_tag_probability\": "
        + SECOND_TAG_PROBABILITY + ", \"genre_tag_share\": " + GENRE_TAG_SHARE + "}\n"
        + "  }\n"
        + "}\n";
  }

  private static String numbers(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toString)
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
