package dev.sluice.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.sluice.contract.QuerySubmitted;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.sluice.worker.WorkerFixture.POOL_SIZE;
import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators scrape: the worker's meters in Prometheus' format, and the readiness and
 * liveness probes with the indicators each includes.
 */
@WorkerIntegrationTest
class MetricsAndProbesIT {

	@LocalServerPort
	int port;

	@Test
	void metricsAndProbesAreExposed() throws Exception {
		QuerySubmitted query = client().query("divide", Map.of("divisor", 2));
		client().submit(query);
		results().awaitTerminal(query.id());

		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus)
			.containsPattern("sluice_db_queries_total\\{application=\"sluice-worker\",query=\"divide\"}")
			.containsPattern("sluice_queries_terminal_total\\{application=\"sluice-worker\",query=\"divide\","
					+ "state=\"succeeded\"}")
			.containsPattern(
					"sluice_cache_lookups_total\\{application=\"sluice-worker\",outcome=\"miss\",query=\"divide\"}")
			.contains("sluice_query_wait_seconds_bucket{", "sluice_query_execution_seconds_bucket{",
					"sluice_query_end_to_end_seconds_bucket{")
			.contains("hikaricp_connections_max{application=\"sluice-worker\",pool=\"sluice-worker\"} " + POOL_SIZE)
			.containsPattern(
					"cache_gets_total\\{application=\"sluice-worker\",cache=\"sluice-results\",.*result=\"miss\"")
			.contains("sluice_dead_letters_total{application=\"sluice-worker\"}");
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"db\"", "\"kafka\"", "\"consumer\"");
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("\"db\"", "\"kafka\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
	}

}
