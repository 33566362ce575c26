package dev.sluice.worker;

import java.time.Duration;

import dev.sluice.contract.TopicLayout;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The settings the worker shares with the ingress: where the catalog is and how the
 * topics are laid out. Both apps must agree on them.
 *
 * @param catalog location of the query catalog (env {@code SLUICE_CATALOG}): a file path
 * or {@code classpath:...}
 * @param topics partitions and replicas of the topics created at start-up
 * @param results how long status records are kept
 */
@ConfigurationProperties("sluice")
@Validated
public record SluiceProperties(@NotBlank String catalog, @Valid @NotNull Topics topics,
		@Valid @NotNull Results results) {

	/**
	 * The layout both apps ask for when they create the topics.
	 * @return the layout
	 */
	public TopicLayout topicLayout() {
		return new TopicLayout(this.topics.partitions(), (short) this.topics.replicationFactor(),
				this.results.retention());
	}

	/**
	 * @param partitions partitions of every Sluice topic; more partitions let more
	 * workers share the load
	 * @param replicationFactor replicas of every partition
	 */
	public record Topics(@Min(1) int partitions, @Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {
	}

	/**
	 * @param retention how long results stay readable; also how long this worker
	 * remembers finished and cancelled ids
	 */
	public record Results(@NotNull Duration retention) {

		public Results {
			if (retention != null && retention.toSeconds() < 60) {
				throw new IllegalArgumentException("sluice.results.retention must be at least 1m, not " + retention);
			}
		}

	}

}
