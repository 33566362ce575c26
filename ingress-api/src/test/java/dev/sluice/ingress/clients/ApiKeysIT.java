package dev.sluice.ingress.clients;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.sluice.ingress.support.KeysFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API keys on a running ingress against a real broker: who may call, what they may run,
 * and a key revoked by editing the file.
 */
class ApiKeysIT {

	private static final String SUBMISSION = "{\"query\": \"%s\", \"params\": {\"customerId\": 1}}";

	private static KafkaBroker broker;

	private static Path keysFile;

	private static RunningIngress ingress;

	@BeforeAll
	static void start() throws IOException {
		broker = KafkaBroker.temporary().start();
		keysFile = Files.createTempFile("sluice-keys", ".yml");
		writeKeys("reporting-key", "backoffice-key");
		ingress = RunningIngress.start(broker.bootstrapServers(), "sluice.security.mode=keys",
				"sluice.security.keys=" + keysFile);
	}

	@AfterAll
	static void stop() throws IOException {
		ingress.close();
		broker.close();
		Files.deleteIfExists(keysFile);
	}

	@Test
	void aRequestWithoutAKeyIsAskedForOne() {
		HttpResponse<String> response = Http.get(ingress.uri("/v1/catalog"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sluice\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(Http.json(response).get("type").asString()).isEqualTo("urn:sluice:problem:unauthorized");
	}

	@Test
	void anUnknownKeyIsRefusedAsAnInvalidTokenWithoutQuotingIt() {
		HttpResponse<String> response = Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted("customer_by_id"),
				"Authorization", "Bearer guessed-key");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer realm=\"sluice\", error=\"invalid_token\"");
		assertThat(response.body()).doesNotContain("guessed-key");
	}

	@Test
	void aClientRunsTheQueriesOfItsScopeAndIsForbiddenTheRest() {
		HttpResponse<String> inScope = Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted("customer_by_id"),
				"Authorization", "Bearer reporting-key");
		HttpResponse<String> outOfScope = Http.post(ingress.uri("/v1/queries"),
				"{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1}}", "Authorization",
				"Bearer reporting-key");

		assertThat(inScope.statusCode()).isEqualTo(202);
		assertThat(outOfScope.statusCode()).isEqualTo(403);
		assertThat(Http.json(outOfScope).get("type").asString()).isEqualTo("urn:sluice:problem:query-not-allowed");
		assertThat(Http.json(outOfScope).get("detail").asString()).contains("'reporting'", "'customer_orders'");
	}

	@Test
	void theCatalogListsOnlyWhatTheKeyMayRun() {
		HttpResponse<String> reporting = Http.get(ingress.uri("/v1/catalog"), "Authorization", "Bearer reporting-key");
		HttpResponse<String> backoffice = Http.get(ingress.uri("/v1/catalog"), "Authorization",
				"bearer backoffice-key");

		assertThat(Http.json(reporting).get("queries").valueStream().map((query) -> query.get("name").asString()))
			.containsExactly("customer_by_id");
		assertThat(Http.json(backoffice).get("queries").size()).isGreaterThan(1);
	}

	@Test
	void aKeyRemovedFromTheFileStopsWorkingWithinFiveSeconds() throws IOException {
		assertThat(Http.get(ingress.uri("/v1/catalog"), "Authorization", "Bearer revoked-soon").statusCode())
			.isEqualTo(401);
		writeKeys("reporting-key", "backoffice-key", "revoked-soon");
		await("the added key accepted").atMost(Duration.ofSeconds(5))
			.until(() -> Http.get(ingress.uri("/v1/catalog"), "Authorization", "Bearer revoked-soon")
				.statusCode() == 200);

		writeKeys("reporting-key", "backoffice-key");

		await("the removed key refused").atMost(Duration.ofSeconds(5))
			.until(() -> Http.get(ingress.uri("/v1/catalog"), "Authorization", "Bearer revoked-soon")
				.statusCode() == 401);
	}

	@Test
	void anotherClientsQueryIsNotFoundExactlyAsAnUnknownOne() {
		HttpResponse<String> submitted = Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted("customer_by_id"),
				"Authorization", "Bearer reporting-key");
		String id = Http.json(submitted).get("id").asString();
		String path = "/v1/queries/" + id;

		assertThat(Http.json(submitted).get("client").asString()).isEqualTo("reporting");
		assertThat(Http.get(ingress.uri(path), "Authorization", "Bearer reporting-key").statusCode()).isEqualTo(200);
		HttpResponse<String> foreign = Http.get(ingress.uri(path), "Authorization", "Bearer backoffice-key");
		HttpResponse<String> unknown = Http.get(ingress.uri("/v1/queries/q_00000000000000000000000000"),
				"Authorization", "Bearer backoffice-key");
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(Http.json(foreign).get("type")).isEqualTo(Http.json(unknown).get("type"));
		assertThat(Http.get(ingress.uri(path + "/events"), "Authorization", "Bearer backoffice-key").statusCode())
			.isEqualTo(404);
		assertThat(Http.delete(ingress.uri(path), "Authorization", "Bearer backoffice-key").statusCode())
			.isEqualTo(404);
	}

	@Test
	void twoClientsWithTheSameIdempotencyKeyGetTwoQueries() {
		HttpResponse<String> reporting = Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted("customer_by_id"),
				"Authorization", "Bearer reporting-key", "Idempotency-Key", "order-42");
		HttpResponse<String> backoffice = Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted("customer_by_id"),
				"Authorization", "Bearer backoffice-key", "Idempotency-Key", "order-42");

		assertThat(reporting.statusCode()).isEqualTo(202);
		assertThat(backoffice.statusCode()).isEqualTo(202);
		assertThat(backoffice.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(Http.json(backoffice).get("id")).isNotEqualTo(Http.json(reporting).get("id"));
	}

	@Test
	void healthAndMetricsNeedNoKey() {
		assertThat(Http.get(ingress.uri("/actuator/health/liveness")).statusCode()).isEqualTo(200);
		assertThat(Http.get(ingress.uri("/actuator/prometheus")).statusCode()).isEqualTo(200);
	}

	private static void writeKeys(String reportingKey, String backofficeKey, String... others) throws IOException {
		StringBuilder yaml = new StringBuilder("clients:\n");
		yaml.append("  reporting:\n    keys: [").append(sha256(reportingKey)).append("]\n");
		yaml.append("    queries: [customer_by_id]\n");
		yaml.append("  backoffice:\n    keys: [").append(sha256(backofficeKey)).append("]\n");
		for (int i = 0; i < others.length; i++) {
			yaml.append("  other").append(i).append(":\n    keys: [").append(sha256(others[i])).append("]\n");
		}
		Path written = Files.writeString(keysFile.resolveSibling(keysFile.getFileName() + ".new"), yaml);
		Files.move(written, keysFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
	}

}
