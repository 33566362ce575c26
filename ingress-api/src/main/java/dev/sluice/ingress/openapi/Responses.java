package dev.sluice.ingress.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The answers of one operation, by status code, each with its body and headers.
 *
 * <pre>{@code
 * Responses.of().json("200", "The status", "QueryStatus", "Retry-After").problem("404", "No such query")
 * }</pre>
 */
final class Responses {

	static final String JSON = "application/json";

	static final String PROBLEM_JSON = "application/problem+json";

	static final String EVENT_STREAM = "text/event-stream";

	private final ApiResponses responses = new ApiResponses();

	private Responses() {
	}

	static Responses of() {
		return new Responses();
	}

	/** An answer whose body is a JSON document of a component schema. */
	Responses json(String code, String description, String schema, String... headers) {
		return add(code, description, JSON, new MediaType().schema(Schemas.ref(schema)), headers);
	}

	/** An {@code application/problem+json} answer. */
	Responses problem(String code, String description, String... headers) {
		return add(code, description, PROBLEM_JSON, new MediaType().schema(Schemas.ref(ContractSchemas.PROBLEM)),
				headers);
	}

	Responses add(String code, String description, String mediaType, MediaType body, String... headers) {
		ApiResponse response = new ApiResponse().description(description)
			.content(new Content().addMediaType(mediaType, body));
		return add(code, response, headers);
	}

	/** An answer without a body. */
	Responses empty(String code, String description) {
		return add(code, new ApiResponse().description(description));
	}

	/** The answers every {@code /v1} operation may give: 401 and 500. */
	Responses unauthorizedOrInternal() {
		return problem("401", "No API key was sent, or the key names no client (sluice.security.mode=keys).",
				ContractComponents.WWW_AUTHENTICATE)
			.problem("500", "A bug: logged with its cause, answered without internals.");
	}

	ApiResponses build() {
		return this.responses;
	}

	private Responses add(String code, ApiResponse response, String... headers) {
		if (headers.length > 0) {
			Map<String, Header> byName = new LinkedHashMap<>();
			for (String header : headers) {
				byName.put(header, new Header().$ref("#/components/headers/" + header));
			}
			response.setHeaders(byName);
		}
		this.responses.addApiResponse(code, response);
		return this;
	}

}
