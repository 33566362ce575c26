package dev.sluice.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStateTests {

	@Test
	void terminalStates() {
		assertThat(QueryState.values()).filteredOn(QueryState::isTerminal)
			.containsExactlyInAnyOrder(QueryState.SUCCEEDED, QueryState.FAILED, QueryState.CANCELED,
					QueryState.EXPIRED);
	}

	@Test
	void queued_advancesToEveryOtherState() {
		assertThat(QueryState.values()).filteredOn(QueryState.QUEUED::canAdvanceTo)
			.containsExactlyInAnyOrder(QueryState.RUNNING, QueryState.SUCCEEDED, QueryState.FAILED, QueryState.CANCELED,
					QueryState.EXPIRED);
	}

	@Test
	void running_advancesToTerminalStatesOnly() {
		assertThat(QueryState.values()).filteredOn(QueryState.RUNNING::canAdvanceTo)
			.containsExactlyInAnyOrder(QueryState.SUCCEEDED, QueryState.FAILED, QueryState.CANCELED,
					QueryState.EXPIRED);
	}

	@ParameterizedTest
	@EnumSource(value = QueryState.class, names = { "SUCCEEDED", "FAILED", "CANCELED", "EXPIRED" })
	void terminal_neverChanges(QueryState terminal) {
		assertThat(QueryState.values()).noneMatch(terminal::canAdvanceTo);
	}

	@ParameterizedTest
	@EnumSource(QueryState.class)
	void state_doesNotAdvanceToItself(QueryState state) {
		assertThat(state.canAdvanceTo(state)).isFalse();
	}

}
