package dev.sluice.ingress;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryIdsTests {

	@Test
	void nextIsAUlidWithPrefix() {
		String id = new QueryIds(Clock.systemUTC()).next();

		assertThat(id).matches("q_[0-7][0-9A-HJKMNP-TV-Z]{25}");
		assertThat(QueryIds.isWellFormed(id)).isTrue();
	}

	@Test
	void nextEncodesTheMillisecondsFirst() {
		// The ULID spec's example time 1469918176385 ms encodes as 01ARYZ6S41.
		Clock clock = Clock.fixed(Instant.ofEpochMilli(1469918176385L), ZoneOffset.UTC);

		assertThat(new QueryIds(clock).next()).startsWith("q_01ARYZ6S41");
	}

	@Test
	void nextSortsByTime() {
		String earlier = new QueryIds(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC)).next();
		String later = new QueryIds(Clock.fixed(Instant.parse("2026-11-22T10:00:00.001Z"), ZoneOffset.UTC)).next();

		assertThat(earlier).isLessThan(later);
	}

	@Test
	void nextIsUniqueWithinOneMillisecond() {
		QueryIds ids = new QueryIds(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
		Set<String> seen = new HashSet<>();
		IntStream.range(0, 10_000).forEach((i) -> seen.add(ids.next()));

		assertThat(seen).hasSize(10_000);
	}

	@Test
	void forIdempotencyKeyIsDeterministicAndWellFormed() {
		String id = QueryIds.forIdempotencyKey("order-42");

		assertThat(id).isEqualTo(QueryIds.forIdempotencyKey("order-42"));
		assertThat(id).isNotEqualTo(QueryIds.forIdempotencyKey("order-43"));
		assertThat(QueryIds.isWellFormed(id)).isTrue();
	}

	@Test
	void forIdempotencyKeyEncodesTheFirst130BitsOfTheHash() {
		// Computed independently: the top 130 bits of SHA-256("idempotency:order-42") as
		// one big integer, written in Crockford base32.
		assertThat(QueryIds.forIdempotencyKey("order-42")).isEqualTo("q_TX374NJ9VT9RRMH2K0TTWEAA1S");
	}

	@Test
	void isWellFormedRefusesOtherShapes() {
		assertThat(QueryIds.isWellFormed(null)).isFalse();
		assertThat(QueryIds.isWellFormed("q_01ARYZ6S41")).isFalse();
		assertThat(QueryIds.isWellFormed("x_01ARYZ6S41TSV4RRFFQ69G5FAV")).isFalse();
		assertThat(QueryIds.isWellFormed("q_01ARYZ6S41TSV4RRFFQ69G5FAU")).isFalse();
		assertThat(QueryIds.isWellFormed("q_01ARYZ6S41TSV4RRFFQ69G5FAV")).isTrue();
	}

}
