package dev.sluice.ingress.submit;

import java.time.Clock;
import java.time.Duration;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.QueryState;
import dev.sluice.ingress.queue.QueueEstimates;
import dev.sluice.ingress.results.QueryStatuses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires submission validation against the catalog, and admission control. */
@Configuration(proxyBeanMethods = false)
class SubmitConfiguration {

	private static final Duration EXPIRY_NEWS = Duration.ofMinutes(1);

	/**
	 * The most places admission control holds for refused submissions: a storm of several
	 * hundred a second for the longest {@code Retry-After}, 5 min, in a few MB.
	 */
	private static final int PLACES_HELD = 50_000;

	@Bean
	SubmissionParser submissionParser(Catalog catalog) {
		return new SubmissionParser(catalog);
	}

	@Bean
	Admission admission(QueueEstimates estimates, AdmissionProperties properties, QueryStatuses statuses, Clock clock) {
		// The drain rate counts the work the fleet did: a query that expired in the queue
		// passed through it without running. Old expiries replayed at start-up are not
		// news.
		statuses.subscribeToAll((previous, status) -> {
			if (status.state() == QueryState.EXPIRED && status.completedAt() != null
					&& status.completedAt().isAfter(clock.instant().minus(EXPIRY_NEWS))) {
				estimates.countExpired();
			}
		});
		Admission admission = new Admission(estimates::lastKnown, estimates.interval(), properties,
				new Reservations(PLACES_HELD), System::nanoTime);
		estimates.countAdmissionsWith(admission::admitted);
		return admission;
	}

}
