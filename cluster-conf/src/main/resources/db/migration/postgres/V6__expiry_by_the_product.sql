-- Unpaid orders now expire by the product entity, which keeps its reserved orders by payment
-- deadline (OrderExpiry only wakes it per running sale item), so the orders table no longer needs
-- the expiry sweep's index: one B-tree fewer to insert, commit and store per reservation row.
DROP INDEX IF EXISTS orders_due;

-- The sales whose every item has no unpaid order left after the sale ended: the sweep stops
-- waking their products. Written only by OrderExpiry (the sales table is the sales projection's).
CREATE TABLE IF NOT EXISTS settled_sales (
  sale_id VARCHAR(40) NOT NULL PRIMARY KEY,
  settled_at TIMESTAMPTZ NOT NULL
);
