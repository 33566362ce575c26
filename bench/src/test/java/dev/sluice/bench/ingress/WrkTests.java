package dev.sluice.bench.ingress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WrkTests {

	private static final String OUTPUT = """
			Running 5s test @ http://127.0.0.1:8080/v1/queries
			  2 threads and 16 connections
			  Thread Stats   Avg      Stdev     Max   +/- Stdev
			    Latency     3.21ms    1.02ms  40.11ms   91.00%
			    Req/Sec     2.51k   210.00     2.90k    70.00%
			  Latency Distribution
			     50%  812.00us
			     75%    3.40ms
			     90%    4.10ms
			     99%    1.20s
			  25012 requests in 5.00s, 9.11MB read
			  Socket errors: connect 0, read 2, write 0, timeout 3
			  Non-2xx or 3xx responses: 7
			Requests/sec:   5002.40
			Transfer/sec:      1.82MB
			""";

	@Test
	void parsesRateAndPercentilesInAnyUnit() {
		Wrk.Result result = Wrk.parse(16, OUTPUT);
		assertThat(result.requestsPerSecond()).isEqualTo(5002.40);
		assertThat(result.p50Millis()).isEqualTo(0.812, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(result.p99Millis()).isEqualTo(1200.0);
	}

	@Test
	void countsSocketErrorsAndNon2xxAsUnclean() {
		Wrk.Result result = Wrk.parse(16, OUTPUT);
		assertThat(result.socketErrors()).isEqualTo(5);
		assertThat(result.non2xx()).isEqualTo(7);
		assertThat(result.clean()).isFalse();
	}

	@Test
	void outputWithoutRateIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> Wrk.parse(1, "unable to connect to 127.0.0.1:1"))
			.withMessageContaining("Requests/sec");
	}

}
