package dev.sluice.support.topics;

/**
 * What start-up found of one of Sluice's topics in the cluster.
 *
 * @param name the topic
 * @param replicas replicas of its least replicated partition
 * @param minInsyncReplicas its effective {@code min.insync.replicas}
 */
record ExistingTopic(String name, int replicas, int minInsyncReplicas) {
}
