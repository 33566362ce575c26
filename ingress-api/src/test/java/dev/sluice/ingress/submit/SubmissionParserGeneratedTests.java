package dev.sluice.ingress.submit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser on generated input: whatever a client sends, it either accepts a submission
 * whose values satisfy the catalog's constraints, or refuses it naming each bad field;
 * nothing else escapes. Each test draws thousands of inputs from a fixed seed, so a
 * failure names its input and runs the same again.
 */
class SubmissionParserGeneratedTests {

	private static final Catalog CATALOG = Catalog.parse("""
			queries:
			  everything:
			    sql: >
			      select :i, :l, :d, :t, :b, :day, :ts, :u, :color
			    params:
			      i: { type: int, required: true, min: -5, max: 500 }
			      l: { type: long, min: 1 }
			      d: { type: decimal, min: 0, max: 1000.5 }
			      t: { type: text, maxLength: 8 }
			      b: { type: bool }
			      day: { type: date }
			      ts: { type: timestamp }
			      u: { type: uuid }
			      color: { type: text, values: [red, green] }
			""", "test");

	private static final List<String> NAMES = List.of("i", "l", "d", "t", "b", "day", "ts", "u", "color", "unknown", "",
			"I");

	private static final List<String> ODD_VALUES = List.of("1e308", "-1e-400", "0.0", "-0", "1E+2",
			"12345678901234567890.123456789", "\"2025-12-31\"", "\"2025-02-30\"", "\"2025-12-31T10:00:00Z\"",
			"\"2025-12-31T10:00:00+14:00\"", "\"0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10\"", "\"red\"", "\"not-a-uuid\"",
			"\"\"", "\"   \"", "true", "false", "null", "\"\\u0000\"", "\"\\ud800\"");

	private static final List<String> FRAGMENTS = List.of("{", "}", "[", "]", ",", ":", "\"query\"", "\"params\"",
			"\"everything\"", "\"i\"", "\"timeoutMs\"", "\\u0000", "\uD800", "1e999999", "-", "null", " ", "\"");

	private final SubmissionParser parser = new SubmissionParser(CATALOG);

	private final Random random = new Random(20261202);

	@Test
	void anyBytesAreASubmissionOrNamedFieldErrors() {
		for (int n = 0; n < 3000; n++) {
			byte[] body = new byte[this.random.nextInt(64)];
			this.random.nextBytes(body);
			outcome(body);
		}
	}

	@Test
	void anyJsonishTextIsASubmissionOrNamedFieldErrors() {
		for (int n = 0; n < 3000; n++) {
			StringBuilder body = new StringBuilder();
			int parts = this.random.nextInt(12);
			for (int i = 0; i < parts; i++) {
				body.append(this.random.nextBoolean() ? pick(FRAGMENTS) : json(2));
			}
			outcome(body.toString().getBytes(StandardCharsets.UTF_8));
		}
	}

	@Test
	void deepNestingAndHugeNumbersAreRefusedByName() {
		String deep = "[".repeat(5000) + "]".repeat(5000);
		assertThat(outcome(("{\"query\": \"everything\", \"params\": {\"i\": " + deep + "}}").getBytes()))
			.isInstanceOf(InvalidSubmissionException.class);
		assertThat(outcome(("{\"query\": \"everything\", \"params\": {\"i\": 1" + "0".repeat(5000) + "}}").getBytes()))
			.isInstanceOf(InvalidSubmissionException.class);
		assertThat(outcome(("{\"query\": \"everything\", \"params\": {\"i\": 1, \"d\": 1e999999999}}").getBytes()))
			.isInstanceOf(InvalidSubmissionException.class);
		// Past what a BigDecimal's exponent holds: Jackson's own NumberFormatException.
		assertThat(outcome(("{\"query\": \"everything\", \"params\": {\"i\": 1, \"d\": 1e9999991028}}").getBytes()))
			.isInstanceOfSatisfying(InvalidSubmissionException.class,
					(refused) -> assertThat(refused.errors()).extracting(FieldError::field).containsExactly("body"));
	}

	@Test
	void anyParameterValuesAreAcceptedWithinTheConstraintsOrRefusedByName() {
		int accepted = 0;
		for (int n = 0; n < 5000; n++) {
			List<String> params = new ArrayList<>();
			for (String name : NAMES) {
				if (this.random.nextInt(3) == 0 || (name.equals("i") && this.random.nextInt(4) > 0)) {
					String value = (this.random.nextInt(5) < 3) ? plausible(name) : json(2);
					params.add(quote(name) + ": " + value);
				}
			}
			java.util.Collections.shuffle(params, this.random);
			String timeoutMs = switch (this.random.nextInt(4)) {
				case 0, 1 -> "";
				case 2 -> "\"timeoutMs\": " + (this.random.nextInt(100_000) - 10) + ", ";
				default -> "\"timeoutMs\": " + json(1) + ", ";
			};
			String body = "{\"query\": \"everything\", " + timeoutMs + "\"params\": {" + String.join(", ", params)
					+ "}}";
			Object result = outcome(body.getBytes(StandardCharsets.UTF_8));
			if (result instanceof Submission submission) {
				accepted++;
				checkConstraints(submission.wireParams(), body);
				assertThat(submission.queueWait()).as(body).isPositive();
			}
			else {
				List<FieldError> errors = ((InvalidSubmissionException) result).errors();
				assertThat(errors).as(body)
					.allSatisfy((error) -> assertThat(error.field()).as(body)
						.matches("body|timeoutMs|params\\.(i|l|d|t|b|day|ts|u|color|unknown||I)"));
			}
		}
		// The generator must reach the accepting side too, or the constraints go
		// unchecked.
		assertThat(accepted).isGreaterThan(100);
	}

	/** A value of the parameter's type, in or near its bounds. */
	private String plausible(String name) {
		return switch (name) {
			case "i" -> String.valueOf(this.random.nextInt(520) - 10);
			case "l" -> String.valueOf(this.random.nextLong(-3, Long.MAX_VALUE));
			case "d" -> quoteOrNot(String.valueOf(this.random.nextInt(12000) / 10.0 - 10));
			case "t", "unknown", "", "I" -> quote(text());
			case "b" -> String.valueOf(this.random.nextBoolean());
			case "day" -> quote(LocalDate.of(2000, 1, 1).plusDays(this.random.nextInt(20000)).toString());
			case "ts" ->
				quote(OffsetDateTime.parse("2025-12-31T10:00:00Z").plusSeconds(this.random.nextInt()).toString());
			case "u" -> quote(UUID.randomUUID().toString());
			default -> quote(pick(List.of("red", "green", "blue", "Red")));
		};
	}

	private String quoteOrNot(String number) {
		return this.random.nextBoolean() ? number : quote(number);
	}

	private static void checkConstraints(Map<String, Object> wire, String body) {
		assertThat((Integer) wire.get("i")).as(body).isBetween(-5, 500);
		if (wire.get("l") != null) {
			assertThat((Long) wire.get("l")).as(body).isPositive();
		}
		if (wire.get("d") != null) {
			assertThat(new BigDecimal((String) wire.get("d"))).as(body)
				.isBetween(BigDecimal.ZERO, new BigDecimal("1000.5"));
		}
		if (wire.get("t") != null) {
			String t = (String) wire.get("t");
			assertThat(t.codePointCount(0, t.length())).as(body).isLessThanOrEqualTo(8);
		}
		if (wire.get("day") != null) {
			LocalDate.parse((String) wire.get("day"));
		}
		if (wire.get("ts") != null) {
			OffsetDateTime.parse((String) wire.get("ts"));
		}
		if (wire.get("u") != null) {
			UUID.fromString((String) wire.get("u"));
		}
		if (wire.get("color") != null) {
			assertThat(wire.get("color")).as(body).isIn("red", "green");
		}
	}

	/**
	 * @return the submission, or the refusal, which names at least one field and says
	 * what is wrong with each; any other exception fails the test
	 */
	private Object outcome(byte[] body) {
		try {
			return this.parser.parse(body);
		}
		catch (InvalidSubmissionException ex) {
			assertThat(ex.errors()).isNotEmpty()
				.allSatisfy((error) -> assertThat(error.field()).isNotNull())
				.allSatisfy((error) -> assertThat(error.message()).isNotBlank());
			return ex;
		}
	}

	/** Any JSON value, the awkward ones often: huge, fractional, nested, odd text. */
	private String json(int depth) {
		List<Supplier<String>> kinds = new ArrayList<>(List.of(() -> String.valueOf(this.random.nextInt(1200) - 100),
				() -> String.valueOf(this.random.nextLong()),
				() -> new BigInteger(140, this.random).negate().toString(),
				() -> String.valueOf(this.random.nextDouble() * 2000 - 500), () -> pick(ODD_VALUES),
				() -> quote(text())));
		if (depth > 0) {
			kinds.add(() -> "[" + json(depth - 1) + "," + json(depth - 1) + "]");
			kinds.add(() -> "{\"x\": " + json(depth - 1) + "}");
		}
		return pick(kinds).get();
	}

	private String text() {
		StringBuilder text = new StringBuilder();
		int length = this.random.nextInt(12);
		for (int i = 0; i < length; i++) {
			int kind = this.random.nextInt(4);
			text.appendCodePoint(switch (kind) {
				case 0 -> 'a' + this.random.nextInt(26);
				case 1 -> this.random.nextInt(0x20);
				case 2 -> 0x80 + this.random.nextInt(0x700);
				default -> 0x1F600 + this.random.nextInt(0x40);
			});
		}
		return text.toString();
	}

	private <T> T pick(List<T> items) {
		return items.get(this.random.nextInt(items.size()));
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		text.codePoints().forEach((c) -> {
			if (c == '"' || c == '\\') {
				quoted.append('\\').appendCodePoint(c);
			}
			else if (c < 0x20) {
				quoted.append(String.format("\\u%04x", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		return quoted.append('"').toString();
	}

}
