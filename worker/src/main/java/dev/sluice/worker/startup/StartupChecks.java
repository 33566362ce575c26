package dev.sluice.worker.startup;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.sluice.support.kafka.KafkaUnreachableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

import org.springframework.beans.factory.InitializingBean;

/**
 * Stops start-up with one clear message when Kafka or PostgreSQL cannot be reached,
 * rather than starting a worker that only logs connection errors. Runs while the beans
 * are created, so before the topics are created and before the listener starts; the
 * catalog (a constructor dependency) is checked before either.
 */
class StartupChecks implements InitializingBean {

	private final List<String> bootstrapServers;

	private final Map<String, Object> adminConfig;

	private final DataSource dataSource;

	private final String jdbcUrl;

	private final Duration timeout;

	StartupChecks(List<String> bootstrapServers, Map<String, Object> adminConfig, DataSource dataSource, String jdbcUrl,
			Duration timeout) {
		this.bootstrapServers = List.copyOf(bootstrapServers);
		this.adminConfig = Map.copyOf(adminConfig);
		this.dataSource = dataSource;
		this.jdbcUrl = jdbcUrl;
		this.timeout = timeout;
	}

	@Override
	public void afterPropertiesSet() {
		checkKafka();
		checkDatabase();
	}

	private void checkKafka() {
		Map<String, Object> config = new HashMap<>(this.adminConfig);
		int millis = (int) this.timeout.toMillis();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", this.bootstrapServers));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		Admin admin;
		try {
			admin = Admin.create(config);
		}
		catch (KafkaException ex) {
			throw new KafkaUnreachableException(this.bootstrapServers, Duration.ZERO, ex);
		}
		try {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
				.nodes()
				.get(millis + 1000L, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnreachableException(this.bootstrapServers, this.timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnreachableException(this.bootstrapServers, this.timeout, ex);
		}
		finally {
			admin.close(Duration.ofSeconds(1));
		}
	}

	private void checkDatabase() {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.isValid((int) Math.max(1, this.timeout.toSeconds()));
		}
		catch (SQLException | RuntimeException ex) {
			throw new DatabaseUnreachableException(this.jdbcUrl, ex);
		}
	}

}
