package dev.sluice.worker.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains {@link DatabaseUnreachableException} instead of a stack trace.
 */
class DatabaseUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Start PostgreSQL, e.g. 'sudo pg_ctlcluster 15 main start' or 'docker run -d -p 5432:5432 "
						+ "-e POSTGRES_HOST_AUTH_METHOD=trust postgres:16', or set SPRING_DATASOURCE_URL "
						+ "(and SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD) to a database this "
						+ "worker can reach.",
				cause);
	}

}
