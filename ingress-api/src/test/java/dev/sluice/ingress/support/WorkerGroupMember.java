package dev.sluice.ingress.support;

import java.util.Map;

import dev.sluice.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer in the workers' group, for tests that play a worker: it holds partitions of
 * {@link Topics#QUERIES} and commits only when the test says so.
 */
public final class WorkerGroupMember {

	private WorkerGroupMember() {
	}

	/**
	 * @param bootstrapServers the broker
	 * @param clientId a worker's client id, e.g. {@code sluice-worker_host_42-0}
	 * @return a consumer of the group, not yet subscribed, committing nothing by itself
	 */
	public static KafkaConsumer<byte[], byte[]> create(String bootstrapServers, String clientId) {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, Topics.WORKER_GROUP, ConsumerConfig.CLIENT_ID_CONFIG, clientId,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

}
