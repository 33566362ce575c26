package dev.sluice.ingress.kafka;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Readiness of the Kafka cluster: an ingress that cannot reach Kafka answers every
 * submission with 503, so it should receive no traffic. Never part of liveness: a restart
 * does not bring Kafka back.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final Admin admin;

	KafkaHealthIndicator(Admin admin) {
		super("Kafka cluster is not reachable");
		this.admin = admin;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int timeout = (int) KafkaConfiguration.ADMIN_TIMEOUT.toMillis();
		var cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout));
		int nodes = cluster.nodes().get(timeout + 500, TimeUnit.MILLISECONDS).size();
		builder.up()
			.withDetail("clusterId", cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS))
			.withDetail("nodes", nodes);
	}

}
