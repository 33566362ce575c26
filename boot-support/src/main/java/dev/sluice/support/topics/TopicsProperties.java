package dev.sluice.support.topics;

import dev.sluice.contract.TopicLayout;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Sluice's topics are created when absent. Ingress and worker both create them at
 * start-up, so either may start first, and both must ask for the same layout.
 *
 * <pre>{@code
 * TopicLayout layout = topics.layout(results, brokers); // brokers: what the cluster has
 * }</pre>
 *
 * @param partitions partitions of every topic (env {@code SLUICE_TOPICS_PARTITIONS});
 * more partitions let more workers share the load, a worker beyond the partition count
 * sits idle
 * @param replicationFactor replicas of every partition (env
 * {@code SLUICE_TOPICS_REPLICATION_FACTOR}): {@code auto} for as many as the cluster has
 * brokers, up to 3, counted at start-up; or a number, which start-up refuses when the
 * cluster has fewer brokers up and a topic is still to be created. From 3 on, the topics
 * get {@code min.insync.replicas=2}.
 */
@Validated
@ConfigurationProperties("sluice.topics")
public record TopicsProperties(@Min(1) @Max(10_000) int partitions, @NotNull @Pattern(regexp = "auto|[1-9][0-9]{0,3}",
		message = "must be auto or a whole number from 1 to 9999") String replicationFactor) {

	/**
	 * What {@code auto} asks for at most: survives one lost broker with two copies left.
	 */
	static final int AUTO_MAX = 3;

	/**
	 * @param brokers the brokers of the cluster, at least 1
	 * @return the replication factor on such a cluster: {@code auto} is as many as there
	 * are brokers, up to 3
	 */
	public short replicationFactorFor(int brokers) {
		if ("auto".equals(this.replicationFactor)) {
			return (short) Math.max(1, Math.min(AUTO_MAX, brokers));
		}
		return Short.parseShort(this.replicationFactor);
	}

	/**
	 * The layout to create the topics with on a cluster of {@code brokers} brokers.
	 * @param results how long the results and cancels topics keep their records
	 * @param brokers the brokers of the cluster
	 * @return the layout
	 */
	public TopicLayout layout(ResultsProperties results, int brokers) {
		return new TopicLayout(this.partitions, replicationFactorFor(brokers), results.retention());
	}

}
