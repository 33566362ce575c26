package dev.sluice.ingress.status;

import java.time.Clock;

import dev.sluice.ingress.kafka.RecordPublisher;
import dev.sluice.ingress.results.QueryStatuses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires what the status, event-stream and cancel requests share. */
@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

	@Bean
	QueryCanceller queryCanceller(QueryStatuses statuses, RecordPublisher publisher, Clock clock) {
		return new QueryCanceller(statuses, publisher, clock);
	}

	@Bean
	OpenStreams openStreams() {
		return new OpenStreams();
	}

}
