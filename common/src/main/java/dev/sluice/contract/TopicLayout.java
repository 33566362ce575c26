package dev.sluice.contract;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How Sluice's topics are created when absent. Ingress and worker both create them at
 * start-up, so either may start first, and both must ask for the same layout.
 *
 * <pre>{@code
 * List<NewTopic> topics = new TopicLayout(12, (short) 1, Duration.ofMinutes(15)).topics();
 * }</pre>
 *
 * @param partitions partitions of every topic; more partitions allow more worker replicas
 * to share the load (a worker beyond the partition count sits idle)
 * @param replicationFactor replicas of every partition; from 3 on, every topic also gets
 * {@code min.insync.replicas=2} (see {@link #minInsyncReplicas()})
 * @param resultsRetention how long {@link Topics#RESULTS} keeps status records, so how
 * long results can be read and how far back an ingress rebuilds them after a restart
 */
public record TopicLayout(int partitions, short replicationFactor, Duration resultsRetention) {

	/** The largest record Sluice writes: a result of {@code maxRows} wide rows. */
	public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

	public TopicLayout {
		if (partitions < 1) {
			throw new IllegalArgumentException("sluice.topics.partitions must be at least 1, not " + partitions);
		}
		if (replicationFactor < 1) {
			throw new IllegalArgumentException(
					"sluice.topics.replication-factor must be at least 1, not " + replicationFactor);
		}
		if (resultsRetention.toSeconds() < 60) {
			throw new IllegalArgumentException("sluice.results.retention must be at least 1m, not " + resultsRetention);
		}
	}

	/**
	 * How many replicas must have a record before Kafka acknowledges it to an
	 * {@code acks=all} producer: 2 from a replication factor of 3 on, so that an
	 * acknowledged record survives the loss of any one broker and writes go on while one
	 * broker is down; 1 below that (Kafka's default), where requiring 2 would stop every
	 * write as soon as one broker of two is lost.
	 * @return the topics' {@code min.insync.replicas}
	 */
	public int minInsyncReplicas() {
		return (this.replicationFactor >= 3) ? 2 : 1;
	}

	public List<NewTopic> topics() {
		String maxBytes = Integer.toString(MAX_MESSAGE_BYTES);
		return List.of(topic(Topics.QUERIES, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)),
				topic(Topics.RESULTS,
						Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.resultsRetention.toMillis()),
								TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)),
				topic(Topics.CANCELS,
						Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(this.resultsRetention.toMillis()))),
				topic(Topics.QUERIES_DEAD_LETTER, Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)));
	}

	private NewTopic topic(String name, Map<String, String> config) {
		Map<String, String> configs = new HashMap<>(config);
		if (minInsyncReplicas() > 1) {
			// Below 2 it is Kafka's default: single-broker topics keep the configs they
			// had.
			configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas()));
		}
		return new NewTopic(name, this.partitions, this.replicationFactor).configs(configs);
	}

}
