package dev.sluice.ingress.submit;

import java.time.Clock;

import dev.sluice.catalog.Catalog;
import dev.sluice.ingress.clients.ClientMetrics;
import dev.sluice.ingress.kafka.RecordPublisher;
import dev.sluice.ingress.queue.QueueEstimates;
import dev.sluice.ingress.view.QueryStatuses;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires submission: validation against the catalog, admission control and what feeds it,
 * queueing, and the submission counters.
 */
@Configuration(proxyBeanMethods = false)
class SubmitConfiguration {

	@Bean
	SubmissionParser submissionParser(Catalog catalog) {
		return new SubmissionParser(catalog);
	}

	@Bean
	Admission admission(QueueEstimates estimates, AdmissionProperties properties) {
		return new Admission(estimates, properties);
	}

	@Bean
	RunCounter runCounter(QueryStatuses statuses, QueueEstimates estimates, Clock clock) {
		return new RunCounter(statuses, estimates, clock);
	}

	@Bean
	Submitter submitter(RecordPublisher publisher, QueryStatuses statuses, Clock clock) {
		return new Submitter(publisher, statuses, clock);
	}

	@Bean
	SubmissionMetrics submissionMetrics(MeterRegistry registry, ClientMetrics clients) {
		return new SubmissionMetrics(registry, clients);
	}

}
