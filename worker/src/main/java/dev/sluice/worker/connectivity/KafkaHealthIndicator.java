package dev.sluice.worker.connectivity;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the Kafka side: a broker answers. Part of the readiness group, not of
 * liveness: a broker outage is no reason to restart the worker. Whether the query
 * consumer holds partitions is the {@code consumer} indicator's part.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final Admin admin;

	/**
	 * @param admin the worker's health admin client, whose calls time out after 3 s
	 */
	KafkaHealthIndicator(Admin admin) {
		super("Kafka health check failed");
		this.admin = admin;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Collection<Node> nodes = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
			.nodes()
			.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
		builder.up().withDetail("brokers", nodes.size());
	}

}
