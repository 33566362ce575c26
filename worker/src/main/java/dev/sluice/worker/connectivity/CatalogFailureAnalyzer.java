package dev.sluice.worker.connectivity;

import dev.sluice.catalog.CatalogException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an invalid query catalog: the message already names the file, the query and
 * the field.
 */
class CatalogFailureAnalyzer extends AbstractFailureAnalyzer<CatalogException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CatalogException cause) {
		return new FailureAnalysis("Invalid query catalog: " + cause.getMessage(),
				"Fix the catalog, or point SLUICE_CATALOG (sluice.catalog) at a valid one; "
						+ "classpath:catalog/demo.yml is the bundled demo catalog.",
				cause);
	}

}
