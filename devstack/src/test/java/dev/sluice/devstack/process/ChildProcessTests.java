package dev.sluice.devstack.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ChildProcessTests {

	@TempDir
	Path logs;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private ChildProcess child;

	@AfterEach
	void killChild() {
		if (this.child != null) {
			this.child.kill();
		}
	}

	@Test
	void stopEndsTheChildAndEverythingItStarted() {
		this.child = sh("sleep 600 & sleep 600 & echo started; wait").eachLine(this.lines::add).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.lines.contains("started"));
		List<ProcessHandle> descendants = ProcessHandle.of(this.child.pid()).orElseThrow().descendants().toList();
		assertThat(descendants).hasSize(2);

		assertThat(this.child.stop(Duration.ofSeconds(10))).isTrue();

		assertThat(this.child.isAlive()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(descendants).noneMatch(ProcessHandle::isAlive));
	}

	@Test
	void whatTheChildSaysWhileStoppingIsHandedOn() {
		// Were the output pipe closed at the stop, the echo after the pause would die
		// of SIGPIPE.
		this.child = sh("trap 'echo stopping; sleep 0.3; echo stopped; exit 0' TERM; echo started; "
				+ "while true; do sleep 0.1; done")
			.eachLine(this.lines::add)
			.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.lines.contains("started"));

		assertThat(this.child.stop(Duration.ofSeconds(10))).isTrue();

		assertThat(this.lines).containsSubsequence("started", "stopping", "stopped");
		assertThat(this.child.exitCode()).isZero();
		assertThat(this.child.exitedOnItsOwn()).isFalse();
	}

	@Test
	void aChildThatIgnoresTheStopIsKilledAfterTheGrace() {
		this.child = sh("trap '' TERM; echo started; while true; do sleep 0.1; done").eachLine(this.lines::add).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.lines.contains("started"));

		assertThat(this.child.stop(Duration.ofMillis(500))).isFalse();

		assertThat(this.child.isAlive()).isFalse();
	}

	@Test
	void aCrashIsReportedWithTheLastLinesItPrinted() {
		this.child = sh("for i in $(seq 1 50); do echo line-$i; done; exit 3").eachLine(this.lines::add).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.child.isAlive());

		assertThat(this.child.exitedOnItsOwn()).isTrue();
		assertThat(this.child.exitCode()).isEqualTo(3);
		assertThat(this.child.lastLines()).startsWith("Its last lines:\n    line-11\n")
			.endsWith("\n    line-50")
			.doesNotContain("line-10\n");
	}

	@Test
	void aLogFileIsAppendedToOnEveryStart() {
		this.child = sh("echo run; exit 0").logTo(this.logs).start();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.child.isAlive());
		this.child.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.child.isAlive());

		assertThat(this.child.lastLines()).isEqualTo(
				"Its last lines, from " + this.logs.resolve("child.log").toAbsolutePath() + ":\n    run\n    run");
	}

	@Test
	void killIsNotAnExitOnItsOwn() {
		this.child = sh("sleep 600").logTo(this.logs).start();

		this.child.kill();

		assertThat(this.child.isAlive()).isFalse();
		assertThat(this.child.exitedOnItsOwn()).isFalse();
	}

	@Test
	void aRunningChildIsNotStartedTwice() {
		this.child = sh("sleep 600").logTo(this.logs).start();

		assertThatIllegalStateException().isThrownBy(this.child::start)
			.withMessage("child is running already, as pid " + this.child.pid());
	}

	@Test
	void outputMustGoSomewhere() {
		assertThatIllegalStateException().isThrownBy(() -> sh("true").start())
			.withMessageContaining("logTo(directory) or eachLine(consumer)");
	}

	@Test
	void aChildWithoutPortSaysSo() {
		this.child = sh("true").logTo(this.logs).start();

		assertThatIllegalStateException().isThrownBy(this.child::port).withMessage("child was started without a port");
		assertThat(sh("true").port(8080).logTo(this.logs).start().baseUrl()).isEqualTo("http://127.0.0.1:8080");
	}

	private static ChildProcessBuilder sh(String script) {
		return ChildProcess.builder("child", List.of("sh", "-c", script));
	}

}
