package dev.sluice.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.catalog.InvalidParametersException;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryResult;

/**
 * The baseline Sluice is measured against: a synchronous gateway like the seed's Go
 * service. Every HTTP request runs its catalog query on a pooled connection while the
 * client waits, and answers with the rows. No queue, no cache: load on the API is load on
 * the database. Same catalog and parameter binding as Sluice.
 * <p>
 * {@code POST /v1/queries} with {@code {"query": ..., "params": {...}}} answers 200 with
 * {@code {"query", "state": "SUCCEEDED", "result"}}, 400 for bad input, 503 when no
 * connection could be had in time, 500 when the query failed. {@code GET /health} answers
 * 200; {@code GET /metrics} counts the queries sent to the database.
 *
 * <pre>
 * java -cp ... dev.sluice.bench.gateway.SyncGateway port jdbcUrl user password poolSize
 * </pre>
 */
public final class SyncGateway implements AutoCloseable {

	/** Queries the gateway sent to the database, served on {@code GET /metrics}. */
	public static final String EXECUTIONS_METRIC = "sync_gateway_db_queries_total";

	private final HttpServer server;

	private final HikariDataSource pool;

	private final QueryRunner runner;

	private final Catalog catalog;

	/**
	 * @param port the loopback port to listen on
	 * @param jdbcUrl the database, directly or through PgBouncer
	 * @param user database user
	 * @param password its password
	 * @param poolSize the HikariCP pool size
	 * @throws IOException if the port cannot be bound
	 */
	public SyncGateway(int port, String jdbcUrl, String user, String password, int poolSize) throws IOException {
		this.catalog = Catalog.load(Catalog.DEMO);
		this.pool = pool(jdbcUrl, user, password, poolSize);
		this.runner = new QueryRunner(this.pool);
		// Backlog as large as the storm, so refusals come from the pool, not the socket.
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/v1/queries", this::query);
		this.server.createContext("/health", (exchange) -> respond(exchange, 200, Map.of("status", "UP")));
		this.server.createContext("/metrics", this::metrics);
		this.server.start();
	}

	public static void main(String[] args) throws IOException {
		if (args.length != 5) {
			throw new IllegalArgumentException("usage: SyncGateway port jdbcUrl user password poolSize");
		}
		new SyncGateway(Integer.parseInt(args[0]), args[1], args[2], args[3], Integer.parseInt(args[4]));
	}

	private static HikariDataSource pool(String jdbcUrl, String user, String password, int poolSize) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("sync-gateway");
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(user);
		config.setPassword(password);
		// A naive deployment: a big pool, grown on demand, Hikari's default 30 s wait.
		config.setMaximumPoolSize(poolSize);
		config.setMinimumIdle(0);
		config.setReadOnly(true);
		return new HikariDataSource(config);
	}

	private void query(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			respond(exchange, 405, problem(405, "Only POST is supported here"));
			return;
		}
		Map<?, ?> body;
		try (InputStream in = exchange.getRequestBody()) {
			body = JsonCodec.MAPPER.readValue(in, Map.class);
		}
		catch (RuntimeException ex) {
			respond(exchange, 400, problem(400, "Body is not a JSON object: " + ex.getMessage()));
			return;
		}
		CatalogQuery query = this.catalog.find(String.valueOf(body.get("query"))).orElse(null);
		if (query == null) {
			respond(exchange, 400, problem(400, "Unknown query '" + body.get("query") + "'"));
			return;
		}
		Map<String, Object> values;
		try {
			values = query.bind((body.get("params") instanceof Map<?, ?> params) ? cast(params) : Map.of());
		}
		catch (InvalidParametersException ex) {
			respond(exchange, 400, problem(400, ex.getMessage()));
			return;
		}
		QueryRunner.Outcome outcome = this.runner.run(query, values);
		switch (outcome) {
			case QueryRunner.Outcome.Rows rows -> respond(exchange, 200, succeeded(query, rows.result()));
			case QueryRunner.Outcome.NoConnection none -> respond(exchange, 503, problem(503, none.message()));
			case QueryRunner.Outcome.Failed failed -> respond(exchange, 500, problem(500, failed.message()));
		}
	}

	/** The one metric the bench samples, in the Prometheus text format. */
	private void metrics(HttpExchange exchange) throws IOException {
		byte[] text = (EXECUTIONS_METRIC + " " + this.runner.executions() + "\n").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
		exchange.sendResponseHeaders(200, text.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(text);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, ?> cast(Map<?, ?> params) {
		return (Map<String, ?>) params;
	}

	private static Map<String, Object> succeeded(CatalogQuery query, QueryResult result) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query.name());
		body.put("state", "SUCCEEDED");
		body.put("result", result);
		return body;
	}

	private static Map<String, Object> problem(int status, String detail) {
		return Map.of("status", status, "detail", detail);
	}

	private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
		byte[] bytes = JsonCodec.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.pool.close();
	}

}
