package dev.sluice.ingress.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sluice.support.kafka.KafkaUnreachableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import org.springframework.beans.factory.InitializingBean;

/**
 * Refuses to start while Kafka cannot be reached, instead of starting an ingress that
 * would answer every request with 503. Runs while the context is created, before the
 * topics are created and the materializer starts.
 */
class KafkaStartupCheck implements InitializingBean {

	/**
	 * Short enough that, with the JVM and context start, a failed start ends in ~15 s.
	 */
	static final Duration TIMEOUT = Duration.ofSeconds(8);

	private final Admin admin;

	private final List<String> bootstrapServers;

	KafkaStartupCheck(Admin admin, List<String> bootstrapServers) {
		this.admin = admin;
		this.bootstrapServers = List.copyOf(bootstrapServers);
	}

	@Override
	public void afterPropertiesSet() {
		try {
			this.admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
				.nodes()
				.get(TIMEOUT.toSeconds() + 2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnreachableException(this.bootstrapServers, TIMEOUT, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnreachableException(this.bootstrapServers, TIMEOUT, ex);
		}
	}

}
