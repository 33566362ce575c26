package dev.sluice.support.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Settings for a consumer outside any consumer group: one that reads partitions it
 * assigned itself, or only asks for offsets. Nothing is committed and no rebalance ever
 * pauses it.
 *
 * <pre>{@code
 * Map<String, Object> config = GrouplessConsumers.settings(kafka.buildConsumerProperties(), "sluice-ingress-results");
 * }</pre>
 */
public final class GrouplessConsumers {

	private GrouplessConsumers() {
	}

	/**
	 * @param base the consumer settings to start from, such as Spring Boot's
	 * @param clientId names the consumer in the broker's logs and the client's metrics
	 * @return a copy of {@code base}, free to change further, without a group id or
	 * automatic commits, under {@code clientId}
	 */
	public static Map<String, Object> settings(Map<String, Object> base, String clientId) {
		Map<String, Object> config = new HashMap<>(base);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		return config;
	}

}
