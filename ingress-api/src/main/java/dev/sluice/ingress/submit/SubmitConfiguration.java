package dev.sluice.ingress.submit;

import dev.sluice.catalog.Catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires submission validation against the catalog. */
@Configuration(proxyBeanMethods = false)
class SubmitConfiguration {

	@Bean
	SubmissionParser submissionParser(Catalog catalog) {
		return new SubmissionParser(catalog);
	}

}
