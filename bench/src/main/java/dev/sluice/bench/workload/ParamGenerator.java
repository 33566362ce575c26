package dev.sluice.bench.workload;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How one parameter of a workload query is drawn; the forms k6/workload.json describes.
 * The pgbench ceiling translates the same forms into pgbench expressions.
 */
public sealed interface ParamGenerator {

	/**
	 * @param random the random source
	 * @param drawn the parameters of the same query drawn before this one, in JSON form
	 * @return the value in JSON form
	 */
	Object draw(RandomGenerator random, Map<String, Object> drawn);

	/** The same value every time. */
	record Constant(Object value) implements ParamGenerator {

		@Override
		public Object draw(RandomGenerator random, Map<String, Object> drawn) {
			return this.value;
		}

	}

	/** A rank 1..n, Zipf-distributed. */
	record Rank(long n, double exponent) implements ParamGenerator {

		@Override
		public Object draw(RandomGenerator random, Map<String, Object> drawn) {
			return Zipfs.of(this.n, this.exponent).next(random);
		}

	}

	/** One of the values, by Zipf rank: the first is the most frequent. */
	record OneOf(List<Object> values, double exponent) implements ParamGenerator {

		public OneOf {
			values = List.copyOf(values);
		}

		@Override
		public Object draw(RandomGenerator random, Map<String, Object> drawn) {
			return this.values.get((int) Zipfs.of(this.values.size(), this.exponent).next(random) - 1);
		}

	}

	/**
	 * The anchor day minus a Zipf-drawn number of days (rank 1 = the anchor itself), as a
	 * date or as that day's UTC midnight.
	 */
	record DaysBefore(LocalDate anchor, long maxDays, double exponent, boolean timestamp) implements ParamGenerator {

		@Override
		public Object draw(RandomGenerator random, Map<String, Object> drawn) {
			LocalDate day = this.anchor.minusDays(Zipfs.of(this.maxDays, this.exponent).next(random) - 1);
			return this.timestamp ? day.atStartOfDay(ZoneOffset.UTC).toInstant().toString() : day.toString();
		}

	}

	/** Another parameter's date plus a number of days. */
	record DaysAfter(String param, long days) implements ParamGenerator {

		@Override
		public Object draw(RandomGenerator random, Map<String, Object> drawn) {
			Object base = drawn.get(this.param);
			if (base == null) {
				throw new IllegalStateException("daysAfter names '" + this.param
						+ "', which must be declared before it in the same query of workload.json");
			}
			return LocalDate.parse(base.toString().substring(0, 10)).plusDays(this.days).toString();
		}

	}

}
