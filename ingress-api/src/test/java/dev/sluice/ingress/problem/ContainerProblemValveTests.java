package dev.sluice.ingress.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerProblemValveTests {

	@Test
	void badRequestSaysHowToEncodeThePath() {
		assertThat(ContainerProblemValve.detail(400)).contains("malformed", "Percent-encode the path");
	}

	@Test
	void otherStatusesGetOneFixedDetail() {
		assertThat(ContainerProblemValve.detail(414)).isEqualTo(ContainerProblemValve.detail(505))
			.isEqualTo("The server refused the request before reading it.");
	}

}
