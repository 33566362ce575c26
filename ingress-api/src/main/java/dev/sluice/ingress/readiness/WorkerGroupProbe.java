package dev.sluice.ingress.readiness;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sluice.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Looks at the worker group through the admin client: how many partitions
 * {@code sluice.queries} has, and which of them the group's members hold. The same call
 * describes classic and {@code consumer} (KIP-848) protocol groups.
 */
final class WorkerGroupProbe {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	private final Admin admin;

	WorkerGroupProbe(Admin admin) {
		this.admin = admin;
	}

	WorkerGroup look() throws ExecutionException, InterruptedException, TimeoutException {
		int partitions = this.admin
			.describeTopics(List.of(Topics.QUERIES), new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
			.allTopicNames()
			.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS)
			.get(Topics.QUERIES)
			.partitions()
			.size();
		try {
			ConsumerGroupDescription group = this.admin
				.describeConsumerGroups(List.of(Topics.WORKER_GROUP),
						new DescribeConsumerGroupsOptions().timeoutMs((int) TIMEOUT.toMillis()))
				.describedGroups()
				.get(Topics.WORKER_GROUP)
				.get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
			return WorkerGroup.of(group, partitions);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return WorkerGroup.absent(partitions);
			}
			throw ex;
		}
	}

}
