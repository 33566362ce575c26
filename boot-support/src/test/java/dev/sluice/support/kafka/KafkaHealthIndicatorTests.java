package dev.sluice.support.kafka;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaHealthIndicatorTests {

	@Test
	void downWithinTheTimeoutWhenNoBrokerAnswers() throws Exception {
		String nowhere = "127.0.0.1:" + freePort();
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nowhere, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
						300, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 300))) {
			long start = System.nanoTime();

			Health health = new KafkaHealthIndicator(admin, Duration.ofMillis(300)).health();

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsKey("error").doesNotContainKey("brokers");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	/** A port nothing listens on. */
	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
