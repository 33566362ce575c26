package dev.sluice.support.catalog;

import dev.sluice.catalog.CatalogException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid query catalog as its message, which names the file, the query and
 * the field, instead of a wall of stack trace. Registered for both apps in this module's
 * {@code META-INF/spring.factories}.
 */
class CatalogFailureAnalyzer extends AbstractFailureAnalyzer<CatalogException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CatalogException cause) {
		return new FailureAnalysis("Invalid query catalog: " + cause.getMessage(),
				"Fix the catalog file, or point SLUICE_CATALOG (sluice.catalog) at a valid one; "
						+ "classpath:catalog/demo.yml is the bundled demo catalog.",
				cause);
	}

}
