package dev.sluice.worker.connectivity;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Readiness of the Kafka side: a broker answers and the query listener is running. Part
 * of the readiness group, not of liveness: a broker outage is no reason to restart the
 * worker.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final Map<String, Object> adminConfig;

	private final KafkaListenerEndpointRegistry listeners;

	private Admin admin;

	KafkaHealthIndicator(Map<String, Object> adminConfig, KafkaListenerEndpointRegistry listeners) {
		super("Kafka health check failed");
		Map<String, Object> config = new HashMap<>(adminConfig);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-worker-health");
		this.adminConfig = Map.copyOf(config);
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Collection<Node> nodes = admin()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
			.nodes()
			.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
		boolean listening = !this.listeners.getListenerContainers().isEmpty()
				&& this.listeners.getListenerContainers().stream().allMatch(MessageListenerContainer::isRunning);
		builder.status(listening ? Status.UP : Status.DOWN)
			.withDetail("brokers", nodes.size())
			.withDetail("listening", listening);
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.adminConfig);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
		}
	}

}
