package dev.sluice.bench.cpu;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProcStatTests {

	/** A postgres backend's stat line as Linux 6 writes it (52 fields). */
	private static final String BACKEND = "7264 (postgres) S 2198 2198 2198 0 -1 4194368 2205 0 0 0 153 41 7 3 20 0 1 0 "
			+ "98765 226357248 4128 18446744073709551615 1 1 0 0 0 0 4194304 19935232 1275564583 0 0 0 17 1 0 0 0 0 0 "
			+ "0 0 0 0 0 0 0 0";

	@Test
	void readsTheCpuTimesAndTheParent() {
		ProcStat stat = ProcStat.parse(BACKEND);
		assertThat(stat).isEqualTo(new ProcStat(7264, "postgres", 2198, 153, 41, 7, 3, 98765));
		assertThat(stat.ownTicks()).isEqualTo(194);
		assertThat(stat.reapedChildrenTicks()).isEqualTo(10);
	}

	@Test
	void commWithSpacesAndParenthesesEndsAtTheLastParenthesis() {
		ProcStat stat = ProcStat.parse(BACKEND.replace("(postgres)", "(my (odd) app) )"));
		assertThat(stat.comm()).isEqualTo("my (odd) app) ");
		assertThat(stat.ppid()).isEqualTo(2198);
		assertThat(stat.utime()).isEqualTo(153);
		assertThat(stat.startTime()).isEqualTo(98765);
	}

	@Test
	void readsThisJvmsOwnStatLine() throws Exception {
		ProcStat stat = ProcStat.parse(Files.readString(Path.of("/proc/self/stat")));
		assertThat(stat.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(stat.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
		// Starting a JVM and running tests costs far more than one tick.
		assertThat(stat.ownTicks()).isPositive();
	}

	@Test
	void somethingElseIsRefusedWithTheLineInTheMessage() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.parse("no parentheses here"))
			.withMessageContaining("no parentheses here");
		assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.parse("12 (short) S 1 2 3"))
			.withMessageContaining("Too few fields");
		assertThatIllegalArgumentException().isThrownBy(() -> ProcStat.parse(BACKEND.replace(" 153 ", " many ")))
			.withMessageContaining("Not a /proc/<pid>/stat line");
	}

}
