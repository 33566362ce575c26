package dev.sluice.ingress.query;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreferWaitTests {

	@Test
	void readsWaitAmongOtherPreferences() {
		assertThat(PreferWait.seconds(List.of("respond-async, wait=10"))).hasValue(10);
	}

	@Test
	void readsWaitFromAnyOfSeveralHeaders() {
		assertThat(PreferWait.seconds(List.of("respond-async", "return=minimal", "wait=3"))).hasValue(3);
	}

	@Test
	void namesAreCaseInsensitiveAndValuesMayBeQuoted() {
		assertThat(PreferWait.seconds(List.of("WAIT=\"5\""))).hasValue(5);
		assertThat(PreferWait.seconds(List.of(" Wait = 7 ; foo=bar"))).hasValue(7);
	}

	@Test
	void firstWaitCounts() {
		assertThat(PreferWait.seconds(List.of("wait=2, wait=9"))).hasValue(2);
	}

	@Test
	void invalidWaitIsIgnored() {
		assertThat(PreferWait.seconds(List.of("wait=soon"))).isEmpty();
		assertThat(PreferWait.seconds(List.of("wait=-1"))).isEmpty();
		assertThat(PreferWait.seconds(List.of("wait=1.5"))).isEmpty();
		assertThat(PreferWait.seconds(List.of("wait="))).isEmpty();
		assertThat(PreferWait.seconds(List.of("wait=99999999999999999999"))).isEmpty();
	}

	@Test
	void noWaitWithoutHeaderOrPreference() {
		assertThat(PreferWait.seconds(null)).isEmpty();
		assertThat(PreferWait.seconds(List.of("respond-async"))).isEmpty();
		assertThat(PreferWait.seconds(List.of("waiting=3"))).isEmpty();
	}

	@Test
	void appliedWaitIsCappedAtTheMaximum() {
		assertThat(PreferWait.applied(List.of("wait=100"), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(PreferWait.applied(List.of("wait=4"), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void appliedWaitIsNoneForZeroOrNothing() {
		assertThat(PreferWait.applied(List.of("wait=0"), Duration.ofSeconds(30))).isNull();
		assertThat(PreferWait.applied(List.of(), Duration.ofSeconds(30))).isNull();
		assertThat(PreferWait.applied(List.of("wait=5"), Duration.ZERO)).isNull();
	}

}
