package dev.sluice.ingress.query;

import dev.sluice.ingress.view.QueryStatuses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what the status and event-stream requests share. */
@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

	@Bean
	QueryLookup queryLookup(QueryStatuses statuses) {
		return new QueryLookup(statuses);
	}

	@Bean
	OpenStreams openStreams() {
		return new OpenStreams();
	}

}
