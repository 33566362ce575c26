package dev.sluice.ingress.openapi;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OpenApiCustomizer;

import static dev.sluice.ingress.openapi.ContractComponents.IDEMPOTENT_REPLAYED;
import static dev.sluice.ingress.openapi.ContractComponents.LOCATION;
import static dev.sluice.ingress.openapi.ContractComponents.PREFERENCE_APPLIED;
import static dev.sluice.ingress.openapi.ContractComponents.RATE_LIMIT;
import static dev.sluice.ingress.openapi.ContractComponents.RATE_LIMIT_POLICY;
import static dev.sluice.ingress.openapi.ContractComponents.RETRY_AFTER;
import static dev.sluice.ingress.openapi.ContractSchemas.QUERY_STATUS;

/**
 * Writes the contract of each {@code /v1} operation over what springdoc found in the
 * handler mappings: its id, parameters, body and every answer it can give. The handlers
 * write pre-encoded bytes and resolve their caller from the request, so what springdoc
 * infers from their signatures is replaced, not amended; an operation this class does not
 * know keeps only the inferred part, which {@code OpenApiConformanceIT} refuses.
 */
final class ContractOperations implements OpenApiCustomizer {

	private static final String QUERIES = "queries";

	@Override
	public void customise(OpenAPI openApi) {
		openApi.setComponents(ContractComponents.all());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			document(method, path, operation);
		}));
	}

	private static void document(PathItem.HttpMethod method, String path, Operation operation) {
		switch (method + " " + path) {
			case "POST /v1/queries" -> submit(operation);
			case "GET /v1/queries/{id}" -> status(operation);
			case "GET /v1/queries/{id}/events" -> events(operation);
			case "DELETE /v1/queries/{id}" -> cancel(operation);
			case "GET /v1/catalog" -> catalog(operation);
			case "GET /v1/console/series" -> consoleSeries(operation);
			default -> {
				// Left as inferred: the conformance test names it.
			}
		}
	}

	private static void submit(Operation operation) {
		describe(operation, "submitQuery", QUERIES, "Submit a catalog query",
				"Validated against the catalog before anything is queued, checked by admission control, then "
						+ "queued: answered once Kafka has the query.",
				"Prefer", "IdempotencyKey");
		operation.setRequestBody(new RequestBody().required(true)
			.content(new Content().addMediaType(Responses.JSON,
					new MediaType().schema(Schemas.ref(ContractSchemas.SUBMISSION)))));
		operation.setResponses(Responses.of()
			.json("200", "It ended within Prefer: wait: its terminal status.", QUERY_STATUS, LOCATION,
					PREFERENCE_APPLIED, IDEMPOTENT_REPLAYED, RATE_LIMIT, RATE_LIMIT_POLICY)
			.json("202", "Queued (or, with a repeated Idempotency-Key, already known): its status.", QUERY_STATUS,
					LOCATION, RETRY_AFTER, PREFERENCE_APPLIED, IDEMPOTENT_REPLAYED, RATE_LIMIT, RATE_LIMIT_POLICY)
			.problem("400", "invalid-submission: not queued; errors names each bad field.")
			.problem("403", "query-not-allowed: the catalog query is outside the client's scope.")
			.problem("415", "unsupported-media-type: the body must be sent as application/json.")
			.problem("422",
					"idempotency-key-reused: the Idempotency-Key already names a query of another catalog " + "name.")
			.problem("429",
					"rate-limited or too-many-in-flight: over the client's quota, not queued. Retry after "
							+ "Retry-After.",
					RETRY_AFTER, RATE_LIMIT, RATE_LIMIT_POLICY)
			.problem("503", "queue-full (admission control: the queue cannot start it before its deadline) or "
					+ "kafka-unavailable: not queued, unless the detail names an id. Retry after Retry-After, with "
					+ "the same Idempotency-Key.", RETRY_AFTER)
			.unauthorizedOrInternal()
			.build());
	}

	private static void status(Operation operation) {
		describe(operation, "getQueryStatus", QUERIES, "Read a query's status, or long-poll it",
				"With Prefer: wait=N the answer comes once the query has ended or N seconds have passed.", "QueryId",
				"Prefer");
		operation.setResponses(Responses.of()
			.json("200", "Its status.", QUERY_STATUS, RETRY_AFTER, PREFERENCE_APPLIED)
			.problem("404", "query-not-found: unknown, expired, or another client's.")
			.problem("503", "kafka-unavailable: the status could not be brought up to date in time.", RETRY_AFTER)
			.unauthorizedOrInternal()
			.build());
	}

	private static void events(Operation operation) {
		describe(operation, "streamQueryEvents", QUERIES, "Stream a query's state changes",
				"Server-sent events: one per state change, the current state first and the terminal one last, "
						+ "after which the stream ends. event and id are the state, data the status document on one "
						+ "line. A stream stays open at most sluice.ingress.events-timeout (5m); then reconnect.",
				"QueryId", "LastEventId");
		MediaType stream = new MediaType().schema(Schemas.string("event:<STATE>, id:<STATE>, data:<status>"));
		stream.addExtension("x-event-data", Map.of("$ref", "#/components/schemas/" + QUERY_STATUS));
		operation.setResponses(Responses.of()
			.add("200", "The stream.", Responses.EVENT_STREAM, stream)
			.empty("204", "Last-Event-ID names a terminal state: nothing more will come; stop reconnecting.")
			.problem("404", "query-not-found: unknown, expired, or another client's.")
			.problem("406", "not-acceptable: the Accept header excludes text/event-stream.")
			.problem("503", "kafka-unavailable: the status could not be brought up to date in time.", RETRY_AFTER)
			.unauthorizedOrInternal()
			.build());
	}

	private static void cancel(Operation operation) {
		describe(operation, "cancelQuery", QUERIES, "Cancel a query",
				"A queued query ends CANCELED at once and never reaches the database; a running one is cancelled "
						+ "on it and ends CANCELED.",
				"QueryId");
		operation.setResponses(Responses.of()
			.json("202", "Cancellation requested: its status after the request.", QUERY_STATUS)
			.problem("404", "query-not-found: unknown, expired, or another client's.")
			.problem("409", "query-already-ended: nothing to cancel; GET it for the outcome.")
			.problem("503", "kafka-unavailable: the cancel could not be written; retry.", RETRY_AFTER)
			.unauthorizedOrInternal()
			.build());
	}

	private static void catalog(Operation operation) {
		describe(operation, "getCatalog", "catalog", "List the catalog queries the client may run",
				"Each with its description, parameters, timeouts, cacheTtl, maxRows and maxBytes; never its SQL.");
		operation.setResponses(
				Responses.of().json("200", "The queries.", ContractSchemas.CATALOG).unauthorizedOrInternal().build());
	}

	private static void consoleSeries(Operation operation) {
		describe(operation, "getConsoleSeries", "console", "The console page's data",
				"What the whole fleet did, second by second; the console page (/) polls it. Made for that page, "
						+ "it changes with it.");
		operation.setResponses(Responses.of()
			.json("200", "The series.", ContractSchemas.CONSOLE_SERIES)
			.unauthorizedOrInternal()
			.build());
	}

	private static void describe(Operation operation, String id, String tag, String summary, String description,
			String... parameters) {
		operation.setOperationId(id);
		operation.setTags(List.of(tag));
		operation.setSummary(summary);
		operation.setDescription(description);
		operation.setParameters(parameters.length == 0 ? null
				: Arrays.stream(parameters)
					.map((name) -> new Parameter().$ref("#/components/parameters/" + name))
					.toList());
		operation.setRequestBody(null);
		operation.setSecurity(List.of(new SecurityRequirement().addList(ContractComponents.BEARER)));
	}

}
