package dev.sluice.bench.soak;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTests {

	@Test
	void readsEveryPauseWithItsTimeHeapAfterAndLength() {
		List<GcLog.Pause> pauses = GcLog.parse(List.of("[2026-12-02T04:07:05.509+0000] Using G1",
				"[2026-12-02T04:07:08.696+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->4M(64M) 71.206ms",
				"[2026-12-02T04:07:09.000+0000] GC(7) Concurrent Mark Cycle 12.345ms",
				"[2026-12-02T04:07:09.100+0000] GC(7) Pause Remark 30M->29M(64M) 1.500ms",
				"[2026-12-02T04:07:10.250+0000] GC(8) Pause Full (System.gc()) 2G->512K(4G) 250.0ms"));

		assertThat(pauses).containsExactly(
				new GcLog.Pause(Instant.parse("2026-12-02T04:07:08.696Z"), "Pause Young (Normal) (G1 Evacuation Pause)",
						4L * 1024 * 1024, 71.206),
				new GcLog.Pause(Instant.parse("2026-12-02T04:07:09.100Z"), "Pause Remark", 29L * 1024 * 1024, 1.5),
				new GcLog.Pause(Instant.parse("2026-12-02T04:07:10.250Z"), "Pause Full (System.gc())", 512L * 1024,
						250.0));
	}

}
