package dev.sluice.worker.cache;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CachePropertiesTests {

	@Test
	void maxMemory_zeroIsAllowed() {
		assertThat(new CacheProperties(DataSize.ofBytes(0), null).maxMemory().toBytes()).isZero();
	}

	@Test
	void maxMemory_negative() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CacheProperties(DataSize.ofBytes(-1), null))
			.withMessageContaining("sluice.worker.cache.max-memory");
	}

	@Test
	void maxMemory_halfTheHeapOrMore() {
		DataSize halfHeap = DataSize.ofBytes(Runtime.getRuntime().maxMemory() / 2);

		assertThatIllegalArgumentException().isThrownBy(() -> new CacheProperties(halfHeap, null))
			.withMessageContaining("sluice.worker.cache.max-memory")
			.withMessageContaining("-Xmx");
	}

	@Test
	void maxEntries_isRefusedWithTheReplacement() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CacheProperties(DataSize.ofMegabytes(64), 10_000L))
			.withMessageContaining("sluice.worker.cache.max-entries")
			.withMessageContaining("sluice.worker.cache.max-memory");
	}

}
