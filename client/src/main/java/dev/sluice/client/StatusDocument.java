package dev.sluice.client;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the status document that every status answer and event carries into a
 * {@link QueryStatus}, its rows converted by {@link RowValues}. Fields the client does
 * not know are ignored, since the server may add some; an unknown cache outcome reads as
 * unknown.
 */
final class StatusDocument {

	private StatusDocument() {
	}

	/**
	 * Read a status document.
	 * @param json the document
	 * @param context what answered it, for the message of a malformed one
	 * @return the status
	 * @throws SluiceException if the document is not a status document
	 */
	static QueryStatus parse(byte[] json, String context) {
		try {
			JsonNode document = Json.MAPPER.readTree(json);
			if (document == null || !document.isObject()) {
				throw new IllegalArgumentException("not a JSON object");
			}
			return read(document);
		}
		catch (JacksonException | IllegalArgumentException | DateTimeParseException ex) {
			throw new SluiceException(context + " answered something that is not a status document (" + ex.getMessage()
					+ "); is the base URL that of a Sluice ingress?", ex);
		}
	}

	private static QueryStatus read(JsonNode document) {
		QueryState state = QueryState.valueOf(required(document, "state"));
		JsonNode result = document.path("result");
		JsonNode error = document.path("error");
		return new QueryStatus(required(document, "id"), required(document, "query"), text(document, "client"), state,
				Instant.parse(required(document, "submittedAt")), instant(document, "expectedStartAt"),
				instant(document, "startedAt"), instant(document, "completedAt"), cache(text(document, "cache")),
				(state == QueryState.SUCCEEDED) ? result(result) : null,
				(error.isObject()) ? new QueryError(required(error, "code"), required(error, "message")) : null);
	}

	private static QueryStatus.Result result(JsonNode result) {
		if (!result.isObject()) {
			throw new IllegalArgumentException("a SUCCEEDED status without a result");
		}
		List<Column> columns = new ArrayList<>();
		for (JsonNode column : result.path("columns").values()) {
			columns.add(new Column(required(column, "name"), required(column, "type")));
		}
		List<List<@Nullable Object>> rows = new ArrayList<>();
		for (JsonNode row : result.path("rows").values()) {
			if (!row.isArray()) {
				throw new IllegalArgumentException("a row that is not an array");
			}
			rows.add(RowValues.row(row, columns));
		}
		return new QueryStatus.Result(columns, rows, result.path("truncated").booleanValue(false));
	}

	private static @Nullable CacheOutcome cache(@Nullable String cache) {
		if (cache == null) {
			return null;
		}
		for (CacheOutcome outcome : CacheOutcome.values()) {
			if (outcome.name().equals(cache)) {
				return outcome;
			}
		}
		return null;
	}

	private static @Nullable Instant instant(JsonNode node, String field) {
		String text = text(node, field);
		return (text != null) ? Instant.parse(text) : null;
	}

	private static String required(JsonNode node, String field) {
		String text = text(node, field);
		if (text == null) {
			throw new IllegalArgumentException("no '" + field + "'");
		}
		return text;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

}
