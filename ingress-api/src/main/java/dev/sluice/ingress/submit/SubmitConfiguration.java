package dev.sluice.ingress.submit;

import dev.sluice.catalog.Catalog;
import dev.sluice.ingress.queue.QueueEstimates;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires submission validation against the catalog, and admission control. */
@Configuration(proxyBeanMethods = false)
class SubmitConfiguration {

	@Bean
	SubmissionParser submissionParser(Catalog catalog) {
		return new SubmissionParser(catalog);
	}

	@Bean
	Admission admission(QueueEstimates estimates, AdmissionProperties properties) {
		return new Admission(estimates::current, estimates.interval(), properties);
	}

}
