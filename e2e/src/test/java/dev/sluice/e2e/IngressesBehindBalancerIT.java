package dev.sluice.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.sluice.devstack.metrics.PrometheusText;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two ingresses of the shared pipeline as replicas behind a round-robin load balancer
 * (haproxy): both take submissions, and when one is killed with SIGKILL every query
 * accepted through the balancer, by either, can still be read through it and ends.
 */
@ExtendWith(SharedPipeline.class)
class IngressesBehindBalancerIT {

	private static final Logger logger = LoggerFactory.getLogger(IngressesBehindBalancerIT.class);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final int PER_SECOND = 40;

	@Test
	void killingOneReplicaBehindTheBalancerLosesNoAcceptedQuery(Pipeline pipeline) throws Exception {
		ChildProcess survivor = pipeline.ingress(0);
		ChildProcess victim = pipeline.ingress(1);
		try (Haproxy balancer = Haproxy.roundRobin(List.of(survivor, victim), Path.of("target", "e2e-logs"))) {
			SluiceClient client = new SluiceClient(balancer.baseUrl());
			double survivorBefore = acceptedBy(survivor);
			double victimBefore = acceptedBy(victim);
			List<SteadyLoad.Accepted> accepted;
			Map<String, Integer> refused;
			Duration markedDown;
			long redispatched;
			double survivorShare;
			double victimShare;
			// Queries of their own: minId 7000 and up is used by no other test.
			try (SteadyLoad load = SteadyLoad.start(client, PER_SECOND, 8,
					(i) -> new Submission("group_total", Map.of("grp", i % 50, "minId", 7000 + i)))) {
				awaitAccepted(load, 5 * PER_SECOND);
				survivorShare = acceptedBy(survivor) - survivorBefore;
				victimShare = acceptedBy(victim) - victimBefore;
				Instant killed = Instant.now();
				victim.kill();
				balancer.awaitServer(victim, "DOWN", Duration.ofSeconds(30));
				markedDown = Duration.between(killed, Instant.now());
				awaitAccepted(load, 5 * PER_SECOND);
				load.stop();
				redispatched = balancer.redispatched();
				accepted = load.accepted();
				refused = load.refused();
			}
			assertThat(survivorShare).as("queries %s accepted before the kill", survivor.name()).isPositive();
			assertThat(victimShare).as("queries %s accepted before the kill", victim.name()).isPositive();

			List<Response> finished = Pipeline
				.awaitTerminal(accepted.stream().map(SteadyLoad.Accepted::answer).toList(), (i) -> client);
			Map<String, Long> states = finished.stream()
				.collect(Collectors.groupingBy(Response::state, TreeMap::new, Collectors.counting()));
			assertThat(states).as("terminal states of the %d queries accepted through the balancer", finished.size())
				.containsOnlyKeys("SUCCEEDED");
			assertThat(refused.keySet()).as("submissions not accepted while %s died", victim.name())
				.allMatch((reason) -> reason.startsWith("502") || reason.startsWith("503")
						|| reason.startsWith("no answer"));
			logger.info(
					"e2e balancer: {} accepted through haproxy ({} by {}, {} by {} before the kill), {} refused {}; "
							+ "{} killed with SIGKILL, marked DOWN by haproxy after {} ms, {} requests sent on "
							+ "to {} meanwhile; all {} SUCCEEDED, read through the balancer",
					accepted.size(), (long) survivorShare, survivor.name(), (long) victimShare, victim.name(),
					refused.values().stream().mapToInt(Integer::intValue).sum(), refused, victim.name(),
					markedDown.toMillis(), redispatched, survivor.name(), finished.size());
		}
		finally {
			// The other tests of the shared pipeline count on both ingresses.
			if (!victim.isAlive()) {
				BuiltApps.awaitReady(victim.start());
			}
		}
	}

	private static void awaitAccepted(SteadyLoad load, int more) {
		int target = load.accepted().size() + more;
		await("%d more queries accepted".formatted(more)).atMost(Duration.ofSeconds(60))
			.until(() -> load.accepted().size() >= target);
	}

	/**
	 * @return {@code sluice_submissions_total{outcome="accepted"}} of the ingress, over
	 * every query name
	 */
	private static double acceptedBy(ChildProcess ingress) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(ingress.baseUrl() + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(10))
			.build();
		String metrics = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
		return PrometheusText.parse(metrics)
			.stream()
			.filter((sample) -> sample.name().equals("sluice_submissions_total") && sample.has("outcome", "accepted"))
			.mapToDouble(PrometheusText.Sample::value)
			.sum();
	}

}
