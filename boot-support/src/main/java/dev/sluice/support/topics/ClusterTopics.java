package dev.sluice.support.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sluice.contract.TopicLayout;
import dev.sluice.support.kafka.KafkaUnreachableException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Sluice's topic layout for the cluster the app starts against: the replication factor
 * resolved against the brokers the cluster has, and the topics that already exist checked
 * against it, before anything is created. Both apps call it while their context starts,
 * and hand what it returns to Spring's {@code KafkaAdmin}, which creates the missing
 * topics.
 *
 * <pre>{@code
 * TopicLayout layout = ClusterTopics.layout(bootstrapServers, adminConfig, topics, results);
 * }</pre>
 */
public final class ClusterTopics {

	/** The longest each call to the cluster may take. */
	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private ClusterTopics() {
	}

	/**
	 * @param bootstrapServers the cluster's bootstrap servers, for messages
	 * @param adminConfig the app's admin client settings
	 * @param topics {@code sluice.topics.*}
	 * @param results {@code sluice.results.*}
	 * @return the layout to create the missing topics with
	 * @throws TopicGuaranteesException naming every topic that is weaker than the layout
	 * or that cannot be created
	 * @throws KafkaUnreachableException if the cluster does not answer within 10 s
	 */
	public static TopicLayout layout(List<String> bootstrapServers, Map<String, Object> adminConfig,
			TopicsProperties topics, ResultsProperties results) {
		Map<String, Object> config = new HashMap<>(adminConfig);
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			Collection<Node> brokers = brokers(admin);
			int live = (int) brokers.stream().filter((broker) -> !broker.isFenced()).count();
			TopicLayout layout = topics.layout(results, brokers.size());
			List<String> missing = new ArrayList<>();
			List<ExistingTopic> existing = existing(admin, layout, missing);
			List<String> problems = new TopicGuarantees(layout, topics.replicationFactor(), brokers.size(), live)
				.problems(existing, missing);
			if (!problems.isEmpty()) {
				throw new TopicGuaranteesException(problems);
			}
			return layout;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnreachableException(bootstrapServers, TIMEOUT, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnreachableException(bootstrapServers, TIMEOUT, ex);
		}
	}

	/**
	 * Every broker the cluster has registered, fenced (down) ones included, so that
	 * {@code auto} does not settle for fewer replicas while one broker restarts.
	 */
	private static Collection<Node> brokers(Admin admin)
			throws InterruptedException, ExecutionException, TimeoutException {
		try {
			return get(admin.describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes());
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof UnsupportedVersionException)) {
				throw ex;
			}
			// Brokers before Kafka 4.0 list running brokers only.
			return get(admin.describeCluster().nodes());
		}
	}

	private static List<ExistingTopic> existing(Admin admin, TopicLayout layout, List<String> missing)
			throws InterruptedException, ExecutionException, TimeoutException {
		List<String> names = layout.topics().stream().map(NewTopic::name).toList();
		Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names).topicNameValues();
		Map<String, TopicDescription> found = new HashMap<>();
		for (String name : names) {
			try {
				found.put(name, get(described.get(name)));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
				missing.add(name);
			}
		}
		if (found.isEmpty()) {
			return List.of();
		}
		List<ConfigResource> resources = found.keySet()
			.stream()
			.map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
			.toList();
		Map<ConfigResource, Config> configs = get(admin.describeConfigs(resources).all());
		List<ExistingTopic> existing = new ArrayList<>();
		for (ConfigResource resource : resources) {
			TopicDescription topic = found.get(resource.name());
			int replicas = topic.partitions()
				.stream()
				.mapToInt((partition) -> partition.replicas().size())
				.min()
				.orElse(0);
			existing.add(new ExistingTopic(resource.name(), replicas, minInsyncReplicas(configs.get(resource))));
		}
		return existing;
	}

	private static int minInsyncReplicas(Config config) {
		ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
		return (entry == null || entry.value() == null) ? 1 : Integer.parseInt(entry.value());
	}

	private static <T> T get(KafkaFuture<T> future) throws InterruptedException, ExecutionException, TimeoutException {
		return future.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
	}

}
