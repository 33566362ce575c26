package dev.sluice.devstack.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KafkaBrokerIT {

	@Test
	void recordsSurviveABrokerRestartInTheSameDirectory() throws Exception {
		try (KafkaBroker broker = KafkaBroker.temporary().start()) {
			try (Admin admin = Admin
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("t", "k", "v")).get(30, TimeUnit.SECONDS);
			}
			broker.kill();
			broker.start();
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
					new StringDeserializer(), new StringDeserializer())) {
				TopicPartition partition = new TopicPartition("t", 0);
				consumer.assign(List.of(partition));
				consumer.seekToBeginning(List.of(partition));
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(20));
				assertThat(records.records(partition)).extracting((record) -> record.value()).containsExactly("v");
			}
		}
	}

	@Test
	void portInUseIsNamed() {
		try (KafkaBroker first = KafkaBroker.temporary().start()) {
			int port = Integer.parseInt(first.bootstrapServers().substring("127.0.0.1:".length()));
			KafkaBroker second = KafkaBroker.inDirectory(first.directory().resolveSibling("other"), port);
			assertThatIllegalStateException().isThrownBy(second::start).withMessageContaining("Port " + port);
		}
	}

}
