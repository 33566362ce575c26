package dev.sluice.support;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTests {

	@Test
	void rootMessageIsTheInnermostCausesFirstLine() {
		Exception wrapped = new IllegalStateException("outer",
				new RuntimeException("middle", new IOException("Connection refused\n\tmore detail")));

		assertThat(Causes.rootMessage(wrapped)).isEqualTo("Connection refused");
	}

	@Test
	void rootMessageWithoutAMessageIsTheClassName() {
		assertThat(Causes.rootMessage(new RuntimeException("outer", new IOException()))).isEqualTo("IOException");
	}

}
