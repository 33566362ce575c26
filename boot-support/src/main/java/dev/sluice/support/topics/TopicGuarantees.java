package dev.sluice.support.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.sluice.contract.TopicLayout;

/**
 * Whether the cluster's topics give what the layout promises: the decisions, kept apart
 * from the calls to Kafka that gather the facts. An acknowledged query must survive as
 * many lost brokers as the replication factor configured says, so a topic with fewer
 * replicas, or a weaker {@code min.insync.replicas}, stops start-up rather than being
 * used quietly; and no topic is created with more replicas than there are brokers up.
 */
final class TopicGuarantees {

	private final TopicLayout layout;

	private final String setting;

	private final int brokers;

	private final int liveBrokers;

	/**
	 * @param layout the layout asked for
	 * @param setting {@code sluice.topics.replication-factor} as configured, for messages
	 * @param brokers the brokers the cluster has, running or not
	 * @param liveBrokers those of them that run
	 */
	TopicGuarantees(TopicLayout layout, String setting, int brokers, int liveBrokers) {
		this.layout = layout;
		this.setting = setting;
		this.brokers = brokers;
		this.liveBrokers = liveBrokers;
	}

	/**
	 * @param existing the topics of the layout that exist
	 * @param missing the names of those that do not, to be created
	 * @return what is wrong, one message per fault, each naming the topic and what to do;
	 * empty if start-up may go on
	 */
	List<String> problems(Collection<ExistingTopic> existing, Collection<String> missing) {
		List<String> problems = new ArrayList<>();
		int factor = this.layout.replicationFactor();
		if (!missing.isEmpty() && factor > this.liveBrokers) {
			problems.add("Topic " + String.join(", ", missing) + " is missing and would be created with " + factor
					+ " replicas, but only " + this.liveBrokers + " of the cluster's " + this.brokers
					+ " broker(s) are up: Kafka cannot place them. Start the missing brokers and then this app, or "
					+ "lower sluice.topics.replication-factor (SLUICE_TOPICS_REPLICATION_FACTOR, now " + this.setting
					+ ").");
		}
		for (ExistingTopic topic : existing) {
			if (topic.replicas() < factor) {
				problems.add(tooFewReplicas(topic, factor));
			}
			if (topic.minInsyncReplicas() < this.layout.minInsyncReplicas() && topic.replicas() >= factor) {
				problems.add("Topic " + topic.name() + " has min.insync.replicas=" + topic.minInsyncReplicas()
						+ ", but with " + factor + " replicas Sluice needs " + this.layout.minInsyncReplicas()
						+ ", so that an accepted query is on two brokers before it is acknowledged. Raise it: "
						+ alter(topic, this.layout.minInsyncReplicas()) + ".");
			}
			if (topic.minInsyncReplicas() > topic.replicas()) {
				problems.add("Topic " + topic.name() + " has min.insync.replicas=" + topic.minInsyncReplicas()
						+ " but only " + topic.replicas() + " replica(s) per partition, so Kafka refuses every "
						+ "acknowledged write to it. Lower it to at most " + topic.replicas() + ": "
						+ alter(topic, topic.replicas()) + ", or give the topic more replicas.");
			}
		}
		return problems;
	}

	private String tooFewReplicas(ExistingTopic topic, int factor) {
		String asked = "auto".equals(this.setting)
				? "auto, which is " + factor + " on this cluster of " + this.brokers + " brokers" : this.setting;
		return "Topic " + topic.name() + " has " + topic.replicas() + " replica(s) per partition, but "
				+ "sluice.topics.replication-factor (" + asked + ") asks for " + factor + ": what it holds would be "
				+ "lost with a broker. Kafka does not add replicas by itself: reassign its partitions to " + factor
				+ " replicas (kafka-reassign-partitions.sh), or delete the topic so that Sluice creates it again "
				+ "(losing its records), or set SLUICE_TOPICS_REPLICATION_FACTOR=" + topic.replicas()
				+ " to accept fewer copies.";
	}

	private static String alter(ExistingTopic topic, int minInsyncReplicas) {
		return "kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name " + topic.name()
				+ " --add-config min.insync.replicas=" + minInsyncReplicas;
	}

}
