package dev.sluice.support.kafka;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether a Kafka broker answers, with the cluster id and the number of brokers
 * ({@code clusterId}, {@code brokers}) as details. Meant for the readiness group: an app
 * that cannot reach Kafka can do no work and should receive no traffic. Never part of
 * liveness: a restart does not bring Kafka back.
 *
 * <pre>{@code
 * &#64;Bean
 * KafkaHealthIndicator kafkaHealthIndicator(Admin admin) {   // reported as "kafka"
 *     return new KafkaHealthIndicator(admin, Duration.ofSeconds(3));
 * }
 * }</pre>
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final Admin admin;

	private final Duration timeout;

	/**
	 * @param admin the admin client to ask; its own request timeout should not exceed
	 * {@code timeout}, so that a health request never hangs on Kafka
	 * @param timeout how long one check waits for the cluster's answer before it reports
	 * Kafka as down
	 */
	public KafkaHealthIndicator(Admin admin, Duration timeout) {
		super("Kafka cluster is not reachable");
		this.admin = admin;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int millis = (int) this.timeout.toMillis();
		DescribeClusterResult cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis));
		int brokers = cluster.nodes().get(millis + 500, TimeUnit.MILLISECONDS).size();
		builder.up()
			.withDetail("clusterId", cluster.clusterId().get(millis, TimeUnit.MILLISECONDS))
			.withDetail("brokers", brokers);
	}

}
