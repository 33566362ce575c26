package dev.sluice.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.contract.JsonCodec;
import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingress against careless and hostile clients ({@link HostileRequests}): every
 * refusal is a problem document with the status it came with, nothing fails with a server
 * error, and valid queries still run afterwards.
 */
@ExtendWith(SharedPipeline.class)
class HostileRequestsIT {

	private static final Logger logger = LoggerFactory.getLogger(HostileRequestsIT.class);

	@Test
	void hostileRequestsGetProblemsAndTheServiceGoesOn(Pipeline pipeline) throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HostileRequests requests = new HostileRequests(pipeline.ingress(0).baseUrl(), 20261202);
		Map<Integer, Integer> statuses = new TreeMap<>();
		int reconnected = 0;
		for (int n = 0; n < 2500; n++) {
			HttpRequest request = requests.next();
			HttpResponse<String> response;
			try {
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				// The client may send on a kept-alive connection the server has just
				// closed after an error; the same request on a new connection must be
				// answered.
				reconnected++;
				try {
					response = http.send(request, HttpResponse.BodyHandlers.ofString());
				}
				catch (IOException again) {
					throw new AssertionError("request " + n + " got no answer twice: " + request.method() + " "
							+ request.uri() + " " + request.headers().map(), again);
				}
			}
			String seen = request.method() + " " + request.uri() + " " + request.headers().map() + " -> "
					+ response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("") + " "
					+ response.body();
			statuses.merge(response.statusCode(), 1, Integer::sum);
			// Admission control may refuse a valid query with a tiny timeoutMs while
			// anything waits: a 503 about load, not about the input.
			boolean refusedForLoad = response.statusCode() == 503
					&& response.body().contains("urn:sluice:problem:queue-full");
			if (!refusedForLoad) {
				assertThat(response.statusCode()).as(seen).isLessThan(500);
			}
			if (response.statusCode() >= 400) {
				assertThat(response.headers().firstValue("Content-Type")).as(seen)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(JsonCodec.decode(response.body().getBytes(), JsonNode.class).get("status").intValue())
					.as(seen)
					.isEqualTo(response.statusCode());
			}
		}
		logger.info("e2e hostile requests: 2500 sent, answered {}; {} sent again after the connection closed "
				+ "under them", statuses, reconnected);
		assertThat(reconnected).as("requests sent again on a new connection").isLessThan(25);
		// The service goes on: a valid query still runs to its end.
		Response accepted = pipeline.client(0).submit("group_total", Map.of("grp", 7, "minId", 77)).join();
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(pipeline.awaitTerminal(List.of(accepted)).get(0).body().get("state").stringValue())
			.isEqualTo("SUCCEEDED");
	}

}
