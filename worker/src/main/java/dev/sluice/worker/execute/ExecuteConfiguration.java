package dev.sluice.worker.execute;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.worker.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The bounded connection pool and the executor on top of it.
 */
@Configuration(proxyBeanMethods = false)
class ExecuteConfiguration {

	/**
	 * The pool name SREs find in {@code hikaricp_connections_*{pool="sluice-worker"}}.
	 */
	static final String POOL_NAME = "sluice-worker";

	/**
	 * Makes every transaction of a connection read-only, its implicit per-statement ones
	 * included; run once when the pool opens the connection. With auto-commit on, JDBC's
	 * {@code setReadOnly(true)} alone enforces nothing in pgjdbc's default
	 * {@code readOnlyMode}, and {@code options=-c ...} would be overridden by any
	 * {@code options} in the JDBC URL.
	 */
	static final String READ_ONLY_SESSION = "set default_transaction_read_only = on";

	/**
	 * A fixed-size pool ({@code minimumIdle = maximumPoolSize = sluice.worker.pool-size})
	 * of read-only connections in auto-commit mode, so that a query is one round trip
	 * (see {@link QueryExecutor}). Each connection gets the {@code statement_timeout}
	 * safety net of {@link QueryTimeouts#safetyNet} for the catalog's longest timeout, in
	 * the same round trip as {@link #READ_ONLY_SESSION}. URL and credentials are the
	 * standard {@code spring.datasource.*}; {@code spring.datasource.hikari.*} is
	 * deliberately not applied, because the pool size must follow
	 * {@code sluice.worker.pool-size}.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(DataSourceProperties dataSource, WorkerProperties worker, Catalog catalog,
			ObjectProvider<MeterRegistry> meterRegistry, @Value("${spring.application.name}") String applicationName) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName(POOL_NAME);
		pool.setJdbcUrl(dataSource.determineUrl());
		pool.setUsername(dataSource.determineUsername());
		pool.setPassword(dataSource.determinePassword());
		pool.setMaximumPoolSize(worker.poolSize());
		pool.setMinimumIdle(worker.poolSize());
		pool.setReadOnly(true);
		pool.setAutoCommit(true);
		pool.setConnectionInitSql(
				READ_ONLY_SESSION + "; " + QueryTimeouts.safetyNet(catalog.longest(CatalogQuery::timeout)));
		pool.setConnectionTimeout(worker.connectionTimeout().toMillis());
		pool.setValidationTimeout(Math.min(2000, worker.connectionTimeout().toMillis()));
		// A default only: an ApplicationName in the JDBC URL wins.
		pool.addDataSourceProperty("ApplicationName", applicationName);
		// Set before the pool starts; binding it later (as auto-configuration would)
		// fails once start-up has taken the first connection.
		meterRegistry
			.ifAvailable((registry) -> pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry)));
		return pool;
	}

	@Bean
	QueryExecutor queryExecutor(HikariDataSource dataSource) {
		return new QueryExecutor(dataSource);
	}

}
