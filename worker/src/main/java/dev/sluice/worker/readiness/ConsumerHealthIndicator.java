package dev.sluice.worker.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.sluice.contract.Topics;
import dev.sluice.worker.consume.QueryConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the query consumer: ready once a query submitted now would run. That is
 * when this worker holds at least one partition of {@link Topics#QUERIES}, or when every
 * partition is held by another member of the group, so that this worker is a spare (more
 * workers than partitions) and has nothing to wait for. A worker that joined but whose
 * partitions are still being revoked from their previous owner is not ready yet, nor is
 * one whose consumer stopped.
 */
class ConsumerHealthIndicator extends AbstractHealthIndicator {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final QueryConsumer consumer;

	private final Admin admin;

	/**
	 * @param consumer the query consumer
	 * @param admin the worker's health admin client, whose calls time out after 3 s
	 */
	ConsumerHealthIndicator(QueryConsumer consumer, Admin admin) {
		super("Query consumer health check failed");
		this.consumer = consumer;
		this.admin = admin;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int held = this.consumer.partitionsHeld();
		builder.withDetail("partitions", held)
			.withDetail("inFlight", this.consumer.inFlight())
			.withDetail("uncommitted", this.consumer.uncommitted());
		if (!this.consumer.isRunning()) {
			builder.down().withDetail("reason", "the consumer is not running");
		}
		else if (held > 0) {
			builder.up();
		}
		else if (othersHoldEveryPartition()) {
			builder.up().withDetail("reason", "every partition is held by another worker");
		}
		else {
			builder.down().withDetail("reason", "waiting for partitions");
		}
	}

	private boolean othersHoldEveryPartition() throws Exception {
		TopicDescription topic = this.admin.describeTopics(List.of(Topics.QUERIES))
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.get(Topics.QUERIES);
		ConsumerGroupDescription group;
		try {
			group = this.admin.describeConsumerGroups(List.of(Topics.WORKER_GROUP))
				.describedGroups()
				.get(Topics.WORKER_GROUP)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				// Nobody joined yet, this worker included.
				return false;
			}
			throw ex;
		}
		Set<TopicPartition> held = group.members()
			.stream()
			.flatMap((member) -> member.assignment().topicPartitions().stream())
			.collect(Collectors.toSet());
		return topic.partitions()
			.stream()
			.allMatch((partition) -> held.contains(new TopicPartition(Topics.QUERIES, partition.partition())));
	}

}
