package dev.sluice.support.kafka;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaUnreachableFailureAnalyzerTests {

	@Test
	void reportNamesTheBootstrapServersAndHowToStartKafka() {
		BeanCreationException failure = new BeanCreationException("kafkaStartupCheck",
				new KafkaUnreachableException(List.of("127.0.0.1:9092", "127.0.0.1:9093"), Duration.ofSeconds(10),
						new TimeoutException("Timed out waiting for a node assignment. Call: describeCluster")));

		FailureAnalysis analysis = new KafkaUnreachableFailureAnalyzer().analyze(failure);

		assertThat(analysis.getDescription())
			.isEqualTo("Kafka is not reachable at 127.0.0.1:9092,127.0.0.1:9093: no broker answered within 10 s "
					+ "(Timed out waiting for a node assignment. Call: describeCluster)");
		assertThat(analysis.getAction()).contains("./sluice up")
			.contains("SPRING_KAFKA_BOOTSTRAP_SERVERS")
			.contains("now 127.0.0.1:9092,127.0.0.1:9093");
	}

}
