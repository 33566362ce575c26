-- Demo rows, generated inside PostgreSQL: nothing is read from files or sent over the
-- wire, so a million orders load in seconds.
--
-- Size: setting sluice.demo_scale (default 1) multiplies the default volume of
-- 100,000 customers, 10,000 products and 1,000,000 orders (about 3 items each).
-- Set it before this file runs, e.g. "set sluice.demo_scale = '0.01'" over JDBC, or
-- PGOPTIONS='-c sluice.demo_scale=0.01' for psql.
--
-- Deterministic: every "random" value is a hash of the row's id and a salt
-- (hashint8extended, the function behind hash partitioning, which PostgreSQL keeps
-- stable across versions), so the same scale gives the same rows on every machine,
-- whatever plan or parallelism the server picks. Dates are fixed: customers signed up
-- in 2022-2023, orders run through 2024 and 2025 with ids in time order.

set work_mem = '64MB';

create temp table demo_size as
select greatest(10, round(100000 * scale))::bigint as customers,
	greatest(50, round(10000 * scale))::bigint as products,
	greatest(10, round(1000000 * scale))::bigint as orders
from (select coalesce(nullif(current_setting('sluice.demo_scale', true), ''), '1')::numeric as scale) setting;

-- A uniform number in [0, 1) drawn from (id, salt).
create function pg_temp.rnd(id bigint, salt bigint) returns float8
	language sql immutable parallel safe
	as $$ select ((hashint8extended(id, salt) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;

create function pg_temp.pick(choices text[], r float8) returns text
	language sql immutable parallel safe
	as $$ select choices[1 + floor(r * cardinality(choices))::int] $$;

-- Cheap things are common, expensive ones rare: 1.99 to 499.99.
create function pg_temp.price(product bigint) returns int
	language sql immutable parallel safe
	as $$ select 199 + floor(49800 * pg_temp.rnd(product, 20) ^ 2)::int $$;

-- 1 to 5 lines per order, 3 on average.
create function pg_temp.line_count(order_id bigint) returns int
	language sql immutable parallel safe
	as $$ select 1 + floor(5 * pg_temp.rnd(order_id, 30))::int $$;

-- The lines of one order are distinct products: a first product skewed towards low ids
-- (the best sellers), the others a fifth of the catalog apart.
create function pg_temp.line_product(order_id bigint, line int, products bigint) returns bigint
	language sql immutable parallel safe
	as $$ select 1 + (floor(products * pg_temp.rnd(order_id, 31) ^ 2)::bigint + line * (products / 5)) % products $$;

create function pg_temp.line_quantity(order_id bigint, line int) returns int
	language sql immutable parallel safe
	as $$ select 1 + floor(4 * pg_temp.rnd(order_id, 40 + line) ^ 3)::int $$;

insert into customers (id, name, email, country, created_at)
select id, first_name || ' ' || last_name,
	lower(first_name || '.' || last_name || '.' || id) || '@example.com',
	country,
	timestamptz '2022-01-01 00:00:00+00' + pg_temp.rnd(id, 4) * interval '730 days'
from (
	select id,
		pg_temp.pick(array['Ada', 'Alan', 'Anna', 'Ben', 'Carla', 'Chen', 'David', 'Elena', 'Fatima', 'Grace',
			'Hiro', 'Ines', 'Jonas', 'Karin', 'Leila', 'Marco', 'Nina', 'Omar', 'Priya', 'Rosa', 'Sven', 'Tariq',
			'Uma', 'Yusuf'], pg_temp.rnd(id, 1)) as first_name,
		pg_temp.pick(array['Andersen', 'Baker', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen',
			'Ivanova', 'Jensen', 'Kowalski', 'Lopez', 'Martin', 'Nakamura', 'Okafor', 'Petrov', 'Rossi', 'Schmidt',
			'Silva', 'Tanaka', 'Weber', 'Yilmaz'], pg_temp.rnd(id, 2)) as last_name,
		pg_temp.pick(array['US', 'US', 'US', 'US', 'DE', 'DE', 'GB', 'GB', 'FR', 'FR', 'NL', 'ES', 'IT', 'SE',
			'PL', 'CA', 'BR', 'JP', 'IN', 'AU'], pg_temp.rnd(id, 3)) as country
	from generate_series(1, (select customers from demo_size)) id
) people;

insert into products (id, sku, name, category, price_cents, description)
select id, 'SKU-' || lpad(id::text, 6, '0'),
	initcap(adjective) || ' ' || initcap(material) || ' ' || initcap(split_part(kind, '/', 2)),
	split_part(kind, '/', 1),
	pg_temp.price(id),
	'A ' || adjective || ' ' || split_part(kind, '/', 2) || ' made of ' || material || ', for ' || purpose || '.'
from (
	select id,
		pg_temp.pick(array['compact', 'classic', 'deluxe', 'ergonomic', 'rustic', 'modern', 'vintage',
			'portable', 'sturdy', 'lightweight', 'premium', 'foldable'], pg_temp.rnd(id, 10)) as adjective,
		pg_temp.pick(array['steel', 'bamboo', 'cotton', 'leather', 'glass', 'ceramic', 'oak', 'aluminium',
			'wool', 'recycled plastic', 'copper', 'linen'], pg_temp.rnd(id, 11)) as material,
		pg_temp.pick(array['kitchen/kettle', 'kitchen/frying pan', 'kitchen/knife', 'kitchen/mug',
			'garden/hose', 'garden/shovel', 'garden/planter', 'outdoor/tent', 'outdoor/backpack',
			'outdoor/lantern', 'sports/ball', 'sports/racket', 'sports/helmet', 'office/chair', 'office/desk lamp',
			'office/notebook', 'audio/headphones', 'audio/speaker', 'audio/turntable', 'toys/puzzle',
			'toys/robot', 'toys/kite', 'home/blanket', 'home/pillow', 'home/rug', 'tools/drill', 'tools/hammer',
			'tools/wrench', 'beauty/hairbrush', 'beauty/mirror', 'pets/leash', 'pets/bowl'],
			pg_temp.rnd(id, 12)) as kind,
		pg_temp.pick(array['everyday use', 'travel', 'professionals', 'small spaces', 'gifts',
			'the whole family', 'outdoor adventures', 'beginners'], pg_temp.rnd(id, 13)) as purpose
	from generate_series(1, (select products from demo_size)) id
) catalog;

insert into order_items (order_id, product_id, quantity, unit_price_cents)
select o, pg_temp.line_product(o, line, size.products), pg_temp.line_quantity(o, line),
	pg_temp.price(pg_temp.line_product(o, line, size.products))
from demo_size size, generate_series(1, size.orders) o, generate_series(0, pg_temp.line_count(o) - 1) line;

-- The total of an order is the sum of its lines, computed from the same functions
-- rather than by aggregating order_items (no big hash aggregate, same result).
insert into orders (id, customer_id, status, total_cents, created_at)
select o, 1 + floor(size.customers * pg_temp.rnd(o, 50))::bigint,
	case
		when pg_temp.rnd(o, 51) < 0.05 then 'pending'
		when pg_temp.rnd(o, 51) < 0.13 then 'paid'
		when pg_temp.rnd(o, 51) < 0.23 then 'shipped'
		when pg_temp.rnd(o, 51) < 0.93 then 'delivered'
		else 'cancelled'
	end,
	(select sum(pg_temp.line_quantity(o, line)::bigint * pg_temp.price(pg_temp.line_product(o, line, size.products)))
		from generate_series(0, pg_temp.line_count(o) - 1) line),
	timestamptz '2024-01-01 00:00:00+00' + (o - 1 + pg_temp.rnd(o, 52)) / size.orders * interval '731 days'
from demo_size size, generate_series(1, size.orders) o;
