package dev.sluice.worker.pipeline;

import java.time.Duration;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryMetricsTests {

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final QueryMetrics metrics = new QueryMetrics(this.registry);

	@Test
	void meterIsRegisteredOnFirstUseOnlyAndKeptForEveryLaterQuery() {
		this.metrics.databaseQuery("orders");
		this.metrics.terminal("orders", QueryState.SUCCEEDED, Duration.ofMillis(20));
		Counter executions = this.registry.get("sluice.db.queries").tag("query", "orders").counter();
		Timer endToEnd = this.registry.get("sluice.query.end.to.end")
			.tag("query", "orders")
			.tag("state", "succeeded")
			.timer();

		// Registering per query would put the meters back; reusing them does not.
		this.registry.clear();
		this.metrics.databaseQuery("orders");
		this.metrics.terminal("orders", QueryState.SUCCEEDED, Duration.ofMillis(30));

		assertThat(this.registry.find("sluice.db.queries").meters()).isEmpty();
		assertThat(this.registry.find("sluice.query.end.to.end").meters()).isEmpty();
		assertThat(executions.count()).isEqualTo(2);
		assertThat(endToEnd.count()).isEqualTo(2);
	}

	@Test
	void meterAppearsOnlyForTheTagsThatOccurred() {
		this.metrics.cacheLookup("orders", CacheOutcome.COALESCED);
		this.metrics.terminal("orders", QueryState.FAILED, Duration.ofMillis(5));

		assertThat(this.registry.find("sluice.cache.lookups").counters()).singleElement()
			.satisfies((counter) -> assertThat(counter.getId().getTag("outcome")).isEqualTo("coalesced"));
		assertThat(this.registry.get("sluice.queries.coalesced").tag("query", "orders").counter().count()).isEqualTo(1);
		assertThat(this.registry.find("sluice.queries.terminal").counters()).singleElement()
			.satisfies((counter) -> assertThat(counter.getId().getTag("state")).isEqualTo("failed"));
		assertThat(this.registry.find("sluice.db.queries").meters()).isEmpty();
	}

	@Test
	void eachQueryHasMetersOfItsOwn() {
		this.metrics.started("orders", Duration.ofMillis(3));
		this.metrics.started("customers", Duration.ofMillis(4));
		this.metrics.started("orders", Duration.ofMillis(-1));

		assertThat(this.registry.get("sluice.query.wait").tag("query", "orders").timer().count()).isEqualTo(2);
		assertThat(this.registry.get("sluice.query.wait").tag("query", "customers").timer().count()).isEqualTo(1);
	}

}
