package dev.sluice.ingress.openapi;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ContractChecker} on the committed contract: it passes a real answer and refuses
 * each kind of mismatch, so that the conformance test cannot pass by checking nothing.
 */
class ContractCheckerTests {

	private static final String QUEUED = """
			{"id":"q_01M83V02YR9VV3X1RP5C04C9RF","query":"customer_orders","client":"open","state":"QUEUED",\
			"submittedAt":"2026-11-23T09:15:07.609Z","expectedStartAt":null,"startedAt":null,"completedAt":null,\
			"cache":null,"result":null,"error":null}""";

	private static final HttpHeaders JSON = headers("Content-Type", "application/json");

	private final ContractChecker contract = new ContractChecker(committedContract());

	@Test
	void aStatusDocumentAsTheIngressWritesItPasses() {
		this.contract.check("GET /v1/queries/{id}", 200,
				headers("Content-Type", "application/json", "Retry-After", "1"), QUEUED);

		assertThat(this.contract.seen()).containsExactly("GET /v1/queries/{id} 200");
	}

	@Test
	void aStatusDocumentWithoutAFieldIsRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.contract.check("GET /v1/queries/{id}", 200, JSON,
					QUEUED.replace("\"client\":\"open\",", "")))
			.withMessageContaining("client");
	}

	@Test
	void aTimestampThatIsNoDateTimeIsRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.contract.check("GET /v1/queries/{id}", 200, JSON,
					QUEUED.replace("2026-11-23T09:15:07.609Z", "yesterday")))
			.withMessageContaining("submittedAt");
	}

	@Test
	void anUnknownStateIsRefused() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.contract.check("GET /v1/queries/{id}",
				200, JSON, QUEUED.replace("\"QUEUED\"", "\"PAUSED\"")));
	}

	@Test
	void anUndocumentedStatusCodeIsRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.contract.check("GET /v1/catalog", 404,
					headers("Content-Type", "application/problem+json"),
					"{\"type\":\"x\",\"title\":\"t\",\"status\":404,\"detail\":\"d\"}"))
			.withMessageContaining("does not document");
	}

	@Test
	void anUndocumentedContentTypeIsRefused() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(
				() -> this.contract.check("GET /v1/queries/{id}", 200, headers("Content-Type", "text/plain"), QUEUED));
	}

	@Test
	void anUndocumentedHeaderOfTheApiIsRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.contract.check("DELETE /v1/queries/{id}", 202,
					headers("Content-Type", "application/json", "Idempotent-Replayed", "true"), QUEUED))
			.withMessageContaining("Idempotent-Replayed");
	}

	@Test
	void aMissingRequiredHeaderIsRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.contract.check("GET /v1/catalog", 401,
					headers("Content-Type", "application/problem+json"),
					"{\"type\":\"urn:sluice:problem:unauthorized\",\"title\":\"t\",\"status\":401,\"detail\":\"d\"}"))
			.withMessageContaining("WWW-Authenticate");
	}

	@Test
	void aProblemWithoutItsDetailIsRefused() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.contract.check("GET /v1/queries/{id}", 404,
					headers("Content-Type", "application/problem+json"),
					"{\"type\":\"urn:sluice:problem:query-not-found\",\"title\":\"t\",\"status\":404}"))
			.withMessageContaining("detail");
	}

	private static HttpHeaders headers(String... namesAndValues) {
		Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
		}
		return HttpHeaders.of(headers, (name, value) -> true);
	}

	private static String committedContract() {
		try {
			Path testClasses = Path
				.of(ContractCheckerTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			return Files.readString(testClasses.getParent().getParent().resolveSibling("docs").resolve("openapi.json"));
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException("docs/openapi.json of the repository cannot be read", ex);
		}
	}

}
