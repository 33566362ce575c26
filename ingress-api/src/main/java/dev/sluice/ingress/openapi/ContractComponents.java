package dev.sluice.ingress.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;

import static dev.sluice.ingress.openapi.Schemas.enumOf;
import static dev.sluice.ingress.openapi.Schemas.integer;
import static dev.sluice.ingress.openapi.Schemas.string;

/**
 * What the operations share: the schemas, the request headers and path parameter, the
 * response headers and the security scheme.
 */
final class ContractComponents {

	static final String BEARER = "bearerAuth";

	static final String RETRY_AFTER = "Retry-After";

	static final String LOCATION = "Location";

	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	static final String PREFERENCE_APPLIED = "Preference-Applied";

	static final String WWW_AUTHENTICATE = "WWW-Authenticate";

	static final String RATE_LIMIT = "RateLimit";

	static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

	private ContractComponents() {
	}

	static Components all() {
		Components components = new Components();
		components.setSchemas(ContractSchemas.all());
		components.setParameters(parameters());
		components.setHeaders(headers());
		components.addSecuritySchemes(BEARER,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("An API key, sent as 'Authorization: Bearer <key>', on every /v1 request of an "
							+ "ingress with sluice.security.mode=keys. Without one, or with one that names no "
							+ "client, the answer is 401. An ingress with sluice.security.mode=open ignores it."));
		return components;
	}

	private static Map<String, Parameter> parameters() {
		Map<String, Parameter> parameters = new LinkedHashMap<>();
		parameters.put("QueryId", new Parameter().in("path")
			.name("id")
			.required(true)
			.description("The query's id, as the submission answered it. An id that is not well-formed, unknown, "
					+ "expired or another client's is answered 404.")
			.schema(string("q_ and 26 Crockford base32 characters")));
		parameters.put("Prefer", new Parameter().in("header")
			.name("Prefer")
			.description("RFC 7240. wait=N holds the answer until the query has ended or N seconds have passed, "
					+ "at most sluice.ingress.max-wait (30 s); an honoured wait is confirmed by Preference-Applied. "
					+ "A value that is not a whole number of seconds is ignored.")
			.example("wait=10")
			.schema(string("preferences, e.g. wait=10")));
		parameters.put("IdempotencyKey", new Parameter().in("header")
			.name("Idempotency-Key")
			.description("Makes a retry safe: the same key (of the same client) gives the same id and queues "
					+ "nothing more while the query's status is kept (sluice.results.retention). The answer to a "
					+ "repeat carries Idempotent-Replayed: true and the current status. A key reused for another "
					+ "catalog query is answered 422; a blank or longer one, 400.")
			.schema(string("1 to 255 characters, not blank").minLength(1).maxLength(255)));
		parameters.put("LastEventId", new Parameter().in("header")
			.name("Last-Event-ID")
			.description("The id of the last event seen, on a reconnect: only later states are sent, and once the "
					+ "terminal state was seen the answer is 204. Any other value starts over.")
			.schema(enumOf("a state", "QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED", "EXPIRED")));
		return parameters;
	}

	private static Map<String, Header> headers() {
		Map<String, Header> headers = new LinkedHashMap<>();
		headers.put(RETRY_AFTER,
				new Header().description("Seconds to wait before asking again. On a status answer: 1, "
						+ "for a query not yet ended and a request that did not wait. On 503 and 429: when to retry.")
					.schema(integer("seconds").minimum(BigDecimal.ZERO)));
		headers.put(LOCATION,
				new Header().description("Where the query's status is read: /v1/queries/{id}.")
					.required(true)
					.schema(string("a path").pattern("^/v1/queries/q_[0-9A-HJKMNP-TV-Z]{26}$")));
		headers.put(IDEMPOTENT_REPLAYED,
				new Header()
					.description("On the answer to a repeated Idempotency-Key: nothing was queued, the body "
							+ "is the query's current status.")
					.schema(enumOf("present only on a replay", "true")));
		headers.put(PREFERENCE_APPLIED,
				new Header().description("Confirms an honoured Prefer: wait, with the seconds waited at most.")
					.schema(string("wait=N").pattern("^wait=[0-9]+$")));
		headers.put(WWW_AUTHENTICATE,
				new Header()
					.description("RFC 6750: Bearer realm=\"sluice\", with error=\"invalid_token\" when a key was sent.")
					.required(true)
					.schema(string("the challenge").pattern("^Bearer realm=\"sluice\"")));
		headers.put(RATE_LIMIT, new Header()
			.description("draft-ietf-httpapi-ratelimit-headers: what is left of each limit of the client's quota, "
					+ "e.g. \"rate\";r=0;t=1, \"in-flight\";r=37 (r: submissions or places left; t: seconds until "
					+ "the next is allowed when none is left, else until the rate's bucket is full). On the answers "
					+ "of a client with a quota.")
			.schema(string("a structured-field list")));
		headers.put(RATE_LIMIT_POLICY, new Header()
			.description("draft-ietf-httpapi-ratelimit-headers: the client's quota, e.g. \"rate\";q=40;w=2, "
					+ "\"in-flight\";q=100;qu=\"concurrent-requests\" (q: the bucket's size or the cap on queries "
					+ "queued or running; w: the seconds the bucket takes to fill).")
			.schema(string("a structured-field list")));
		return headers;
	}

}
