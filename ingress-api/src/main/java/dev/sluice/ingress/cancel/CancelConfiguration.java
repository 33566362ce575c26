package dev.sluice.ingress.cancel;

import java.time.Clock;

import dev.sluice.ingress.kafka.RecordPublisher;
import dev.sluice.ingress.view.QueryStatuses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires cancellation. */
@Configuration(proxyBeanMethods = false)
class CancelConfiguration {

	@Bean
	QueryCanceller queryCanceller(QueryStatuses statuses, RecordPublisher publisher, Clock clock) {
		return new QueryCanceller(statuses, publisher, clock);
	}

}
