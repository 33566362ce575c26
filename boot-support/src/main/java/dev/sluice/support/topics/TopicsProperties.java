package dev.sluice.support.topics;

import dev.sluice.contract.TopicLayout;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Sluice's topics are created when absent. Ingress and worker both create them at
 * start-up, so either may start first, and both must ask for the same layout.
 *
 * <pre>{@code
 * new KafkaAdmin.NewTopics(topics.layout(results).topics().toArray(NewTopic[]::new));
 * }</pre>
 *
 * @param partitions partitions of every topic (env {@code SLUICE_TOPICS_PARTITIONS});
 * more partitions let more workers share the load, a worker beyond the partition count
 * sits idle
 * @param replicationFactor replicas of every partition (env
 * {@code SLUICE_TOPICS_REPLICATION_FACTOR})
 */
@Validated
@ConfigurationProperties("sluice.topics")
public record TopicsProperties(@Min(1) @Max(10_000) int partitions,
		@Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {

	/**
	 * The layout to create the topics with.
	 * @param results how long the results and cancels topics keep their records
	 * @return the layout
	 */
	public TopicLayout layout(ResultsProperties results) {
		return new TopicLayout(this.partitions, (short) this.replicationFactor, results.retention());
	}

}
