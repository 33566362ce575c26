package dev.sluice.ingress.kafka;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaUnreachableFailureAnalyzerTests {

	@Test
	void reportNamesTheBootstrapServersAndHowToStartKafka() {
		BeanCreationException failure = new BeanCreationException("kafkaStartupCheck",
				new KafkaUnreachableException("127.0.0.1:9092", Duration.ofSeconds(10), null));

		FailureAnalysis analysis = new KafkaUnreachableFailureAnalyzer().analyze(failure);

		assertThat(analysis.getDescription())
			.isEqualTo("Kafka is not reachable at 127.0.0.1:9092 (no answer within 10 s).");
		assertThat(analysis.getAction()).contains("./sluice up").contains("SPRING_KAFKA_BOOTSTRAP_SERVERS");
	}

}
