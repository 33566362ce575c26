package dev.sluice.ingress.catalog;

import dev.sluice.catalog.CatalogException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid catalog as its message, which names the file, the query and the
 * field, instead of a wall of stack trace.
 */
class CatalogFailureAnalyzer extends AbstractFailureAnalyzer<CatalogException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CatalogException cause) {
		return new FailureAnalysis("The query catalog cannot be used: " + cause.getMessage(),
				"Fix the catalog file, or point sluice.catalog (env SLUICE_CATALOG) at a valid one; "
						+ "classpath:catalog/demo.yml is the bundled demo catalog.",
				cause);
	}

}
