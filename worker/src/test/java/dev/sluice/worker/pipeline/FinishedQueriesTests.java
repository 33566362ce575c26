package dev.sluice.worker.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FinishedQueriesTests {

	final FinishedQueries finished = new FinishedQueries(Duration.ofMinutes(15));

	@Test
	void firstClaimOwnsTheQuery() {
		assertThat(this.finished.claim("q1", new CompletableFuture<>())).isNull();
	}

	@Test
	void duplicateWhileInFlightSharesTheFirstClaim() {
		CompletableFuture<Void> first = new CompletableFuture<>();
		this.finished.claim("q1", first);

		assertThat(this.finished.claim("q1", new CompletableFuture<>())).isSameAs(first);
	}

	@Test
	void duplicateAfterFinishingIsAlreadyDone() {
		this.finished.claim("q1", new CompletableFuture<>());
		this.finished.release("q1", true);

		CompletableFuture<Void> duplicate = this.finished.claim("q1", new CompletableFuture<>());

		assertThat(duplicate).isNotNull().isCompleted();
	}

	@Test
	void queryThatDidNotFinishCanBeClaimedAgain() {
		this.finished.claim("q1", new CompletableFuture<>());
		this.finished.release("q1", false);

		assertThat(this.finished.claim("q1", new CompletableFuture<>())).isNull();
	}

}
