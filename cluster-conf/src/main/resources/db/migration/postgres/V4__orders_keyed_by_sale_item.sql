-- The orders table keyed by (sale_id, product_id, order_id): the primary key now also serves
-- a sale item's audit, so the separate orders_sale index goes. Every reservation row costs one
-- index fewer to insert, commit and store, on the flash sale's hottest write path.
ALTER TABLE orders DROP CONSTRAINT orders_pkey;
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (sale_id, product_id, order_id);
DROP INDEX IF EXISTS orders_sale;
