-- The demo shop that the demo catalog (common: catalog/demo.yml) queries.
--
-- Run in this order, in database sluice_demo: schema.sql, data.sql, keys.sql.
-- Tables are created here without keys or indexes so that data.sql loads fast;
-- keys.sql adds every key and index after the load and analyzes the tables.
--
-- Statement rule for every file in this folder: a statement ends with ';' at the end
-- of a line. The JDBC loader (dev.sluice.devstack.postgres.DemoDatabase) splits on
-- that; psql (the Docker Compose init script) reads the files as they are.

drop table if exists order_items, orders, products, customers cascade;

create table customers (
	id         bigint      not null,
	name       text        not null,
	email      text        not null,
	country    text        not null check (length(country) = 2),
	created_at timestamptz not null
);

create table products (
	id          bigint not null,
	sku         text   not null,
	name        text   not null,
	category    text   not null,
	price_cents int    not null check (price_cents > 0),
	description text,
	search      tsvector generated always as
		(to_tsvector('english', name || ' ' || coalesce(description, ''))) stored
);

create table orders (
	id          bigint      not null,
	customer_id bigint      not null,
	status      text        not null
		check (status in ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
	total_cents bigint      not null,
	created_at  timestamptz not null
);

create table order_items (
	order_id         bigint not null,
	product_id       bigint not null,
	quantity         int    not null check (quantity > 0),
	unit_price_cents int    not null
);
