package dev.sluice.bench.targets;

import java.nio.file.Path;
import java.time.Duration;

import dev.sluice.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class NoCacheCatalogTests {

	@Test
	void everyQueryOfTheCopyHasNoCacheTtlAndTheSameSql(@TempDir Path directory) {
		Catalog demo = Catalog.load(Catalog.DEMO);
		Catalog copy = Catalog.load(NoCacheCatalog.write(directory).toString());
		assertThat(copy.queries()).hasSameSizeAs(demo.queries()).allSatisfy((query) -> {
			assertThat(query.cacheTtl()).isZero();
			assertThat(query.sql()).isEqualTo(demo.find(query.name()).orElseThrow().sql());
		});
	}

	@Test
	void sluiceWaitsOutTheLongestCacheTtlAfterItsWarmUpOnlyWhenThereIsACache(@TempDir Path directory) {
		// The demo catalog's longest cacheTtl is customer_by_id's 60s.
		assertThat(SluiceTarget.resultCacheTtl(null)).isEqualTo(Duration.ofSeconds(60));
		assertThat(SluiceTarget.resultCacheTtl(NoCacheCatalog.write(directory))).isZero();
	}

}
