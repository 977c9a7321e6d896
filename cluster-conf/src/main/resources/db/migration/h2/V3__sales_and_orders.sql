-- Sales as the node caches load them (written by the sales projection, exactly once with its
-- offset). items: JSON array of {productId, stock, price, perUserLimit, code}.
CREATE TABLE IF NOT EXISTS sales (
  sale_id VARCHAR(40) NOT NULL PRIMARY KEY,
  status VARCHAR(16) NOT NULL,
  starts_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  ends_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  items CLOB NOT NULL,
  reason VARCHAR(500),
  updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

-- One row per flash-sale reservation, written by the orders projection from the product events
-- (exactly once with its offset). status: RESERVED, PAID or RELEASED (reason says why).
CREATE TABLE IF NOT EXISTS orders (
  order_id VARCHAR(160) NOT NULL PRIMARY KEY,
  sale_id VARCHAR(40) NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  user_id VARCHAR(64) NOT NULL,
  quantity INT NOT NULL,
  price DECIMAL(14, 2) NOT NULL,
  status VARCHAR(16) NOT NULL,
  reason VARCHAR(100),
  reserved_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
  closed_at TIMESTAMP(3) WITH TIME ZONE
);
CREATE INDEX IF NOT EXISTS orders_due ON orders (status, expires_at);
CREATE INDEX IF NOT EXISTS orders_sale ON orders (sale_id, product_id);
