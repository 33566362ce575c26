package dev.sluice.ingress.submit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReservationsTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void placesClaimedOrMovedDoNotPileUpUntilTheyWouldHaveLapsed() {
		Reservations reservations = new Reservations(100);
		for (int i = 0; i < 10_000; i++) {
			String id = "q_" + i;
			reservations.hold(id, 60 * SECOND);
			reservations.hold(id, 90 * SECOND);
			reservations.release(id);
		}
		reservations.hold("q_kept", 60 * SECOND);

		assertThat(reservations.tracked()).isLessThanOrEqualTo(200);
		assertThat(reservations.held(0)).isEqualTo(1);
		assertThat(reservations.find("q_kept", 60 * SECOND)).isNotNull();
		assertThat(reservations.held(120 * SECOND)).isZero();
	}

	@Test
	void atCapacityARefusalHoldsNothingButAPlaceHeldCanStillMove() {
		Reservations reservations = new Reservations(2);

		assertThat(reservations.hold("a", SECOND)).isTrue();
		assertThat(reservations.hold("b", SECOND)).isTrue();
		assertThat(reservations.hold("c", SECOND)).isFalse();
		assertThat(reservations.hold("a", 2 * SECOND)).isTrue();
		assertThat(reservations.find("a", 2 * SECOND).dueNanos()).isEqualTo(2 * SECOND);
		assertThat(reservations.find("c", 0)).isNull();
	}

}
