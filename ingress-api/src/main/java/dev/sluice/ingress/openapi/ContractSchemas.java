package dev.sluice.ingress.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.Schema;

import static dev.sluice.ingress.openapi.Schemas.any;
import static dev.sluice.ingress.openapi.Schemas.arrayOf;
import static dev.sluice.ingress.openapi.Schemas.enumOf;
import static dev.sluice.ingress.openapi.Schemas.integer;
import static dev.sluice.ingress.openapi.Schemas.nullable;
import static dev.sluice.ingress.openapi.Schemas.object;
import static dev.sluice.ingress.openapi.Schemas.of;
import static dev.sluice.ingress.openapi.Schemas.ref;
import static dev.sluice.ingress.openapi.Schemas.string;

/**
 * The bodies of the API, as they are on the wire: the status document
 * ({@code dev.sluice.contract.QueryStatus} as {@code JsonCodec} writes it, every field
 * present, {@code null} included), the submission, the RFC 9457 problem, the catalog and
 * the console's series. Objects stay open: fields may be added, never renamed or removed.
 */
final class ContractSchemas {

	static final String QUERY_STATUS = "QueryStatus";

	static final String SUBMISSION = "Submission";

	static final String PROBLEM = "Problem";

	static final String CATALOG = "Catalog";

	static final String CONSOLE_SERIES = "ConsoleSeries";

	private ContractSchemas() {
	}

	/**
	 * @return every schema of {@code components.schemas}, by name
	 */
	static Map<String, Schema> all() {
		Map<String, Schema> schemas = new LinkedHashMap<>();
		schemas.put(QUERY_STATUS, queryStatus());
		schemas.put("QueryState",
				enumOf("States only move forward: QUEUED → RUNNING → SUCCEEDED | FAILED, and from "
						+ "QUEUED (or, best effort, RUNNING) also CANCELED or EXPIRED. The last four are terminal.",
						"QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "EXPIRED"));
		schemas.put("CacheOutcome", enumOf("MISS: it ran on the database; HIT: a worker's cache served it; "
				+ "COALESCED: it shared an identical execution in flight.", "MISS", "HIT", "COALESCED"));
		schemas.put("QueryResult", queryResult());
		schemas.put("Column",
				object("One column of a result.", List.of("name", "type"), "name",
						string("the column label as the database reported it"), "type",
						string("the PostgreSQL type name, e.g. int8, numeric, timestamptz")));
		schemas.put("QueryError", object(
				"Why a query did not succeed; never a stack trace nor the database's own " + "message.",
				List.of("code", "message"), "code",
				string("the SQLSTATE where the database gave one (e.g. 57014), otherwise SQL_ERROR, UNKNOWN_QUERY, "
						+ "INVALID_PARAMS, CANCELED, DEADLINE_EXCEEDED, RESULT_TOO_LARGE or INTERNAL_ERROR"),
				"message", string("Sluice's own explanation")));
		schemas.put(SUBMISSION, submission());
		schemas.put(PROBLEM, problem());
		schemas.put("FieldError",
				object("One reason a submission was refused.", List.of("field", "message"), "field",
						string("the field as the client sent it: body, query, timeoutMs, params.<name>, "
								+ "Idempotency-Key, or an unknown top-level field"),
						"message", string("what is wrong with it and, where it helps, what would be accepted")));
		schemas.put(CATALOG, object("The catalog queries the calling client may run.", List.of("queries"), "queries",
				arrayOf(ref("CatalogQuery"), "in catalog order")));
		schemas.put("CatalogQuery", catalogQuery());
		schemas.put("CatalogParam", catalogParam());
		schemas.put(CONSOLE_SERIES, consoleSeries());
		schemas.put("ConsoleSeriesPoint", consoleSeriesPoint());
		return schemas;
	}

	private static Schema<Object> queryStatus() {
		return object(
				"The status document: what every status answer, event and sluice.results record carries. "
						+ "Every field is present; those that do not apply are null.",
				List.of("id", "query", "client", "state", "submittedAt", "expectedStartAt", "startedAt", "completedAt",
						"cache", "result", "error"),
				"id",
				string("q_ and 26 Crockford base32 characters: a ULID, or, with an Idempotency-Key, derived from the "
						+ "key")
					.pattern("^q_[0-9A-HJKMNP-TV-Z]{26}$"),
				"query", string("the catalog name of the query"), "client",
				of("string", "null").description(
						"the client that submitted it, as its API key names it (open on an ingress without keys); "
								+ "null in statuses written before clients were named"),
				"state", ref("QueryState"), "submittedAt", timestamp("when the ingress accepted it"), "expectedStartAt",
				nullableTimestamp("on QUEUED only: when the ingress expects a worker to start it; null when it "
						+ "cannot tell, and in every later state"),
				"startedAt", nullableTimestamp("when a worker started it; null until then"), "completedAt",
				nullableTimestamp("when it reached a terminal state; null until then"), "cache",
				nullable(ref("CacheOutcome"), "how the result was obtained; null until known"), "result",
				nullable(ref("QueryResult"), "the rows, on SUCCEEDED only"), "error",
				nullable(ref("QueryError"), "why it did not succeed, on FAILED, CANCELED and EXPIRED only"));
	}

	private static Schema<Object> queryResult() {
		return object(
				"The rows of a succeeded query. Values are JSON numbers for integers and floats, booleans "
						+ "for bool, exact strings for numeric, \"2026-11-22\" for dates, ISO-8601 UTC strings for "
						+ "timestamps, parsed JSON for json and jsonb, strings for the rest, null for SQL NULL.",
				List.of("columns", "rows", "rowCount", "truncated"), "columns",
				arrayOf(ref("Column"), "in select-list order"), "rows",
				arrayOf(arrayOf(any("a value"), "one value per column, in column " + "order"), "one array per row"),
				"rowCount", integer("the number of rows in rows").minimum(BigDecimal.ZERO), "truncated",
				of("boolean").description(
						"true if the query produced more than the catalog's maxRows and the rest " + "was dropped"));
	}

	private static Schema<Object> submission() {
		Schema<Object> submission = object("A query to run: a catalog query by name, with its parameters.",
				List.of("query"), "query", string("the name of a catalog query (GET /v1/catalog)"), "params",
				of("object").description("parameter names to values, as the catalog declares them"), "timeoutMs",
				integer("shortens the query's deadline, the time by which a worker must start it; the catalog's "
						+ "queueTimeout is the default and the cap")
					.minimum(BigDecimal.ONE));
		submission.additionalProperties(false);
		return submission;
	}

	private static Schema<Object> problem() {
		return object(
				"An RFC 9457 problem document. Errors that reach the application also carry instance; a "
						+ "refused submission (400) carries errors, one per bad field.",
				List.of("type", "title", "status", "detail"), "type",
				string("urn:sluice:problem: and the problem's name, e.g. urn:sluice:problem:query-not-found; for "
						+ "errors of the HTTP layer, the status's name, e.g. urn:sluice:problem:not-found")
					.format("uri-reference"),
				"title", string("a short summary, the same for every occurrence of the type"), "status",
				integer("the HTTP status code"), "detail", string("what happened this time and what to do about it"),
				"instance", string("the request path").format("uri-reference"), "errors",
				arrayOf(ref("FieldError"), "the bad fields of a refused submission"));
	}

	private static Schema<Object> catalogQuery() {
		return object("A catalog query as a client sees it; never its SQL.",
				List.of("name", "description", "params", "timeout", "queueTimeout", "cacheTtl", "maxRows", "maxBytes"),
				"name", string("what a submission names"), "description", string("what it answers"), "params",
				of("object").description("each parameter by name").additionalProperties(ref("CatalogParam")), "timeout",
				duration("how long the statement may run on the database"), "queueTimeout",
				duration("the longest the query may wait for a worker; the default and cap of timeoutMs"), "cacheTtl",
				duration("how long a worker may serve the result from its cache; PT0S caches nothing"), "maxRows",
				integer("rows beyond this are dropped and the result says truncated"), "maxBytes",
				integer("the most its rows may take, encoded as JSON; a larger result fails with RESULT_TOO_LARGE"));
	}

	private static Schema<Object> catalogParam() {
		return object("A parameter of a catalog query and the values it accepts.", List.of("type", "required"), "type",
				enumOf("what a request may send: int and long an integral number, decimal a number or numeric "
						+ "string, text a string, bool true or false, date \"2026-11-22\", timestamp ISO-8601 with "
						+ "an offset, uuid a string", "int", "long", "decimal", "text", "bool", "date", "timestamp",
						"uuid"),
				"required", of("boolean").description("whether a submission must send it"), "default",
				any("the value used when none is sent"), "min",
				of("number").description("the smallest accepted number"), "max",
				of("number").description("the largest accepted number"), "maxLength",
				integer("the longest accepted text"), "values",
				arrayOf(any("an accepted value"), "the only accepted values"));
	}

	private static Schema<Object> consoleSeries() {
		return object(
				"The data behind the console page (/), one point per second, oldest first. Meant for that "
						+ "page: it may change with it.",
				List.of("generatedAt", "windowSeconds", "smoothingSeconds", "points"), "generatedAt",
				integer("when the series was taken, epoch milliseconds"), "windowSeconds",
				integer("how many seconds the points cover"), "smoothingSeconds",
				integer("the trailing window of endToEndP95Seconds and cacheHitRatio"), "points",
				arrayOf(ref("ConsoleSeriesPoint"), "one per second"));
	}

	private static Schema<Object> consoleSeriesPoint() {
		return object("One second of the fleet; null means not known for that second.",
				List.of("epochSecond", "accepted", "dbQueries", "queueDepth", "queueLagSeconds", "workersConsuming",
						"endToEndP95Seconds", "cacheHitRatio"),
				"epochSecond", integer("the second, seconds since the epoch (UTC)"), "accepted",
				integer("queries submitted through any ingress replica in that second"), "dbQueries",
				integer("queries that ended in that second after executing on the database"), "queueDepth",
				of("number", "null").description("records waiting in sluice.queries"), "queueLagSeconds",
				of("number", "null").description("age of the oldest of them, seconds"), "workersConsuming",
				of("number", "null").description("workers holding partitions of sluice.queries"), "endToEndP95Seconds",
				of("number", "null").description("95th percentile of submit-to-terminal time in the trailing window"),
				"cacheHitRatio",
				of("number", "null").description("share of those queries served from a cache, 0 to 1"));
	}

	private static Schema<Object> timestamp(String description) {
		return string(description).format("date-time");
	}

	private static Schema<Object> nullableTimestamp(String description) {
		return of("string", "null").format("date-time").description(description);
	}

	private static Schema<Object> duration(String description) {
		return string(description + "; ISO-8601, e.g. PT2S").format("duration");
	}

}
