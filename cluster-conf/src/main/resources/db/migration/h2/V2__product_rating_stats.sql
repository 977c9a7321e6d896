-- Per-product rating count and sum, kept exactly once by the ratings projection (same
-- transaction as its offset) and mirrored into the Mongo products read model.
CREATE TABLE IF NOT EXISTS product_rating_stats (
  product_id VARCHAR(64) NOT NULL PRIMARY KEY,
  rating_count BIGINT NOT NULL,
  rating_sum DOUBLE PRECISION NOT NULL
);
