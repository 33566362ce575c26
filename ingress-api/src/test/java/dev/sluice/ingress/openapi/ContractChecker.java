package dev.sluice.ingress.openapi;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks real answers against an OpenAPI 3.1 document: the status code is one the
 * operation documents, the content type one that answer documents, the body valid against
 * its JSON schema (formats asserted), the documented required headers present and every
 * header of the API that was sent documented for that answer. Remembers which answers of
 * which operations it has seen.
 */
final class ContractChecker {

	/** The headers this API sets itself; any of them sent must be documented. */
	static final List<String> API_HEADERS = List.of("Retry-After", "Location", "Idempotent-Replayed",
			"Preference-Applied", "WWW-Authenticate", "RateLimit", "RateLimit-Policy");

	private static final String BASE = "urn:sluice:openapi";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JsonNode contract;

	private final SchemaRegistry schemas;

	private final Set<String> seen = new TreeSet<>();

	ContractChecker(String contract) {
		this.contract = JSON.readTree(contract);
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		this.schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(),
				(builder) -> builder.schemas(Map.of(BASE, contract)).schemaRegistryConfig(config));
	}

	/**
	 * Every documented answer, as {@code "METHOD path status"}.
	 */
	Set<String> documented() {
		Set<String> answers = new TreeSet<>();
		operations().forEach((operation) -> {
			JsonNode responses = operationNode(operation).path("responses");
			responses.propertyNames().forEach((code) -> answers.add(operation + " " + code));
		});
		return answers;
	}

	/** Every documented operation, as {@code "METHOD path"}. */
	Set<String> operations() {
		Set<String> operations = new TreeSet<>();
		this.contract.path("paths").properties().forEach((path) -> path.getValue().propertyNames().forEach((method) -> {
			if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
				operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
			}
		}));
		return operations;
	}

	Set<String> seen() {
		return this.seen;
	}

	JsonNode operationNode(String operation) {
		String[] methodAndPath = operation.split(" ", 2);
		return this.contract.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
	}

	/**
	 * Check one answer.
	 * @param operation {@code "METHOD path"} as the contract writes it, e.g. {@code "GET
	 * /v1/queries/{id}"}
	 * @param status the status code answered
	 * @param headers the headers answered
	 * @param body the body, or the one event's {@code data} of an event stream
	 */
	void check(String operation, int status, HttpHeaders headers, String body) {
		JsonNode documented = operationNode(operation);
		assertThat(documented.isMissingNode()).as("%s is not in the contract", operation).isFalse();
		JsonNode response = resolve(documented.path("responses").path(Integer.toString(status)));
		assertThat(response.isMissingNode())
			.as("%s answered %d, which it does not document (%s): %s", operation, status,
					documented.path("responses").propertyNames(), body)
			.isFalse();
		String what = operation + " " + status;
		checkBody(what, response.path("content"), headers, body);
		checkHeaders(what, response.path("headers"), headers);
		this.seen.add(what);
	}

	private void checkBody(String what, JsonNode content, HttpHeaders headers, String body) {
		if (content.isMissingNode() || content.isEmpty()) {
			assertThat(body).as("%s documents no body", what).isEmpty();
			return;
		}
		String type = headers.firstValue("Content-Type").map(ContractChecker::mediaType).orElse("");
		assertThat(content.propertyNames()).as("%s: the content type answered", what).contains(type);
		JsonNode media = content.path(type);
		String schema = media.path("schema").path("$ref").asString("");
		if (type.equals("text/event-stream")) {
			schema = media.path("x-event-data").path("$ref").asString("");
		}
		assertThat(schema).as("%s: the body's schema is a reference to a component", what).startsWith("#/");
		validate(what, schema, JSON.readTree(body));
	}

	private void checkHeaders(String what, JsonNode documented, HttpHeaders headers) {
		documented.properties().forEach((entry) -> {
			JsonNode header = resolve(entry.getValue());
			Optional<String> value = headers.firstValue(entry.getKey());
			if (header.path("required").asBoolean(false)) {
				assertThat(value).as("%s: required header %s", what, entry.getKey()).isPresent();
			}
			String ref = entry.getValue().path("$ref").asString("");
			assertThat(ref).as("%s: header %s is a reference to a component", what, entry.getKey()).startsWith("#/");
			value.ifPresent((sent) -> validate(what + " header " + entry.getKey(), ref + "/schema",
					headerValue(header.path("schema"), sent)));
		});
		for (String name : API_HEADERS) {
			if (headers.firstValue(name).isPresent()) {
				assertThat(documented.has(name))
					.as("%s sent %s: %s, which it does not document", what, name, headers.firstValue(name).get())
					.isTrue();
			}
		}
	}

	private JsonNode headerValue(JsonNode schema, String sent) {
		if (schema.path("type").asString("").equals("integer")) {
			return JsonNodeFactory.instance.numberNode(Long.parseLong(sent));
		}
		return JsonNodeFactory.instance.stringNode(sent);
	}

	private void validate(String what, String ref, JsonNode instance) {
		Schema schema = this.schemas.getSchema(SchemaLocation.of(BASE + ref));
		List<Error> errors = schema.validate(instance);
		assertThat(errors).as("%s against %s: %s", what, ref, instance).extracting(Error::toString).isEmpty();
	}

	private JsonNode resolve(JsonNode node) {
		String ref = node.path("$ref").asString("");
		if (ref.isEmpty()) {
			return node;
		}
		return this.contract.at(ref.substring(1));
	}

	private static String mediaType(String contentType) {
		return contentType.split(";", 2)[0].strip();
	}

	static String describe(Set<String> answers) {
		return answers.stream().collect(Collectors.joining("\n  ", "\n  ", ""));
	}

}
