package dev.sluice.ingress.submit;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubmissionParserTests {

	private static final Catalog CATALOG = Catalog.parse("""
			queries:
			  orders:
			    sql: select * from orders where customer_id = :customerId and total > :min limit :limit
			    params:
			      customerId: { type: long, required: true, min: 1 }
			      min: { type: decimal, default: 0 }
			      limit: { type: int, default: 20, min: 1, max: 500 }
			    queueTimeout: 30s
			""", "test");

	private final SubmissionParser parser = new SubmissionParser(CATALOG);

	@Test
	void validSubmissionIsBoundWithDefaults() {
		Submission submission = parse("{\"query\": \"orders\", \"params\": {\"customerId\": 42}}");

		assertThat(submission.query().name()).isEqualTo("orders");
		assertThat(submission.wireParams()).containsEntry("customerId", 42L)
			.containsEntry("min", "0")
			.containsEntry("limit", 20);
		assertThat(submission.queueWait()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void decimalsKeepEveryDigit() {
		Submission submission = parse(
				"{\"query\": \"orders\", \"params\": {\"customerId\": 1, \"min\": 12345678901234567890.123456789}}");

		assertThat(new BigDecimal((String) submission.wireParams().get("min")))
			.isEqualTo(new BigDecimal("12345678901234567890.123456789"));
	}

	@Test
	void timeoutMsShortensTheQueueWaitButNeverExtendsIt() {
		assertThat(parse("{\"query\": \"orders\", \"params\": {\"customerId\": 1}, \"timeoutMs\": 1500}").queueWait())
			.isEqualTo(Duration.ofMillis(1500));
		assertThat(parse("{\"query\": \"orders\", \"params\": {\"customerId\": 1}, \"timeoutMs\": 60000}").queueWait())
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void everyProblemIsReportedWithItsField() {
		InvalidSubmissionException ex = refuse(
				"{\"query\": \"orders\", \"params\": {\"limit\": 0, \"other\": 1}, \"timeoutMs\": -5, \"extra\": true}");

		assertThat(ex.toProblemDetail().getProperties()).containsKey("errors");
		assertThat(fields(ex)).containsExactlyInAnyOrder("extra", "timeoutMs", "params.other", "params.customerId",
				"params.limit");
		assertThat(ex.reason()).isEqualTo(Rejection.INVALID);
		assertThat(ex.query()).isEqualTo("orders");
	}

	@Test
	void unknownQueryIsReportedOnQueryWithItsOwnReason() {
		InvalidSubmissionException ex = refuse("{\"query\": \"nope\", \"params\": {}}");

		assertThat(fields(ex)).containsExactly("query");
		assertThat(ex.reason()).isEqualTo(Rejection.UNKNOWN_QUERY);
		assertThat(ex.query()).isEqualTo("unknown");
	}

	@Test
	void missingOrNonStringQueryIsInvalid() {
		assertThat(fields(refuse("{\"params\": {}}"))).containsExactly("query");
		assertThat(fields(refuse("{\"query\": 7}"))).containsExactly("query");
		assertThat(refuse("{\"query\": 7}").reason()).isEqualTo(Rejection.INVALID);
	}

	@Test
	void timeoutMsMustBeAPositiveWholeNumber() {
		for (String timeout : new String[] { "0", "-1", "1.5", "\"100\"", "true", "99999999999999999999999" }) {
			assertThat(fields(
					refuse("{\"query\": \"orders\", \"params\": {\"customerId\": 1}, \"timeoutMs\": " + timeout + "}")))
				.as(timeout)
				.containsExactly("timeoutMs");
		}
	}

	@Test
	void paramsMustBeAnObject() {
		assertThat(fields(refuse("{\"query\": \"orders\", \"params\": [1]}"))).containsExactly("params");
	}

	@Test
	void mistypedParameterIsNamed() {
		assertThat(fields(refuse("{\"query\": \"orders\", \"params\": {\"customerId\": \"x\"}}")))
			.containsExactly("params.customerId");
		assertThat(fields(refuse("{\"query\": \"orders\", \"params\": {\"customerId\": 1.5}}")))
			.containsExactly("params.customerId");
		assertThat(fields(refuse("{\"query\": \"orders\", \"params\": {\"customerId\": {\"a\": 1}}}")))
			.containsExactly("params.customerId");
	}

	@Test
	void malformedEmptyOrNonObjectBodiesAreReportedOnBody() {
		for (String body : new String[] { "", "{", "[]", "\"orders\"", "{\"query\": \"orders\"} {}",
				"{\"query\": \"orders\", \"query\": \"orders\"}" }) {
			assertThat(fields(refuse(body))).as(body).containsExactly("body");
		}
	}

	@Test
	void invalidJsonIsReportedByPositionWithoutTheParsersWords() {
		InvalidSubmissionException ex = refuse("{\"query\": orders}");

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("body");
			assertThat(error.message()).startsWith("is not one valid JSON object at line 1, column ")
				.doesNotContain("orders")
				.doesNotContainIgnoringCase("token");
		});
	}

	@Test
	void numberTooLargeToReadIsReportedWithoutTheParsersWords() {
		InvalidSubmissionException ex = refuse("{\"query\": \"orders\", \"params\": {\"customerId\": 1e9999999999}}");

		assertThat(ex.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message())
				.isEqualTo("holds a number too large to read; send numbers that fit a decimal"));
	}

	private Submission parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

	private InvalidSubmissionException refuse(String body) {
		return catchThrowableOfType(InvalidSubmissionException.class, () -> parse(body));
	}

	@SuppressWarnings("unchecked")
	private static java.util.List<String> fields(InvalidSubmissionException ex) {
		assertThat(ex).isNotNull();
		Object errors = ex.toProblemDetail().getProperties().get("errors");
		return ((java.util.List<FieldError>) errors).stream().map(FieldError::field).toList();
	}

}
