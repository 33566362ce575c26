package dev.sluice.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several ingress processes serve one view of the queries, kept in Kafka: what one
 * accepts the other shows at once, and a restarted one still serves earlier results.
 */
@ExtendWith(SharedPipeline.class)
class IngressReplicasIT {

	@Test
	void queryAcceptedByOneIngressIsVisibleOnTheOtherAtOnce(Pipeline pipeline) throws Exception {
		SluiceClient first = pipeline.client(0);
		SluiceClient second = pipeline.client(1);
		for (int i = 0; i < 20; i++) {
			Response accepted = first.submit("item", Map.of("id", 100 + i)).get(30, TimeUnit.SECONDS);
			assertThat(accepted.status()).isEqualTo(202);
			Response seen = second.statusNow(accepted.id());
			assertThat(seen.status()).as("status of %s on the other ingress", accepted.id()).isEqualTo(200);
			assertThat(seen.id()).isEqualTo(accepted.id());
		}
	}

	@Test
	void restartedIngressStillServesEarlierResults(Pipeline pipeline) {
		List<Response> accepted = pipeline.submitAll(List.of(new Submission("item", Map.of("id", 4242)),
				new Submission("group_total", Map.of("grp", 42, "minId", 4242))));
		assertThat(accepted).extracting(Response::status).containsOnly(202);
		List<Response> earlier = pipeline.awaitTerminal(accepted);
		assertThat(earlier).extracting(Response::state).containsOnly("SUCCEEDED");
		ChildProcess ingress = pipeline.ingress(1);
		ingress.stop(Duration.ofSeconds(60));
		BuiltApps.awaitReady(ingress.start());
		SluiceClient client = pipeline.client(1);
		for (Response before : earlier) {
			Response after = client.status(before.id(), 0).join();
			assertThat(after.status()).isEqualTo(200);
			assertThat(after.body()).isEqualTo(before.body());
		}
	}

}
