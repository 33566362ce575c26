package dev.sluice.support.catalog;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CatalogFailureAnalyzerTests {

	@Test
	void reportQuotesTheCatalogProblemWithQueryAndField() {
		CatalogException invalid = catchThrowableOfType(CatalogException.class,
				() -> Catalog.parse("queries:\n  q:\n    sql: select :x\n    params:\n      x: integr\n", "bad.yml"));

		FailureAnalysis analysis = new CatalogFailureAnalyzer().analyze(new BeanCreationException("catalog", invalid));

		assertThat(analysis.getDescription()).startsWith("Invalid query catalog: ")
			.contains("bad.yml")
			.contains("query 'q'")
			.contains("params.x.type");
		assertThat(analysis.getAction()).contains("SLUICE_CATALOG");
	}

}
