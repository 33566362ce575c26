package dev.sluice.worker.pipeline;

import java.time.Clock;

import dev.sluice.catalog.Catalog;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.worker.cache.ResultCache;
import dev.sluice.worker.cancel.CanceledQueries;
import dev.sluice.worker.execute.QueryExecutor;
import dev.sluice.worker.publish.StatusPublisher;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipeline every query goes through, and the meters it records.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

	@Bean
	QueryMetrics queryMetrics(MeterRegistry meterRegistry) {
		return new QueryMetrics(meterRegistry);
	}

	@Bean
	QueryPipeline queryPipeline(Catalog catalog, CanceledQueries canceled, ResultCache cache, QueryExecutor executor,
			StatusPublisher publisher, ResultsProperties results, QueryMetrics metrics, Clock clock) {
		return new QueryPipeline(new Admission(catalog, canceled::isCanceled), cache, executor, canceled, publisher,
				new FinishedQueries(results.retention()), metrics, clock);
	}

}
