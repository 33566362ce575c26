package dev.sluice.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JsonCodecTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-22T10:00:00.000Z");

	private static final Instant STARTED = Instant.parse("2026-11-22T10:00:00.120Z");

	private static final Instant COMPLETED = Instant.parse("2026-11-22T10:00:00.131Z");

	private static QuerySubmitted submitted() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("customerId", 42);
		params.put("limit", 20);
		params.put("price", "12.50");
		params.put("since", "2026-11-22T10:00:00Z");
		params.put("active", true);
		return new QuerySubmitted("q_01JD7Q", "customer_orders", params, SUBMITTED,
				Instant.parse("2026-11-22T10:00:30Z"));
	}

	private static QueryResult result() {
		List<List<Object>> rows = new ArrayList<>();
		rows.add(Arrays.asList(1001, "25.99", "2026-11-22", true, null));
		rows.add(Arrays.asList(998, "1.20", "2026-11-21", false, 1.5));
		return new QueryResult(List.of(new Column("id", "int8"), new Column("total", "numeric"),
				new Column("day", "date"), new Column("paid", "bool"), new Column("score", "float8")), rows, 2, false);
	}

	private static JsonNode tree(byte[] json) {
		return JsonCodec.MAPPER.readTree(json);
	}

	private static byte[] utf8(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void querySubmitted_roundTrip() {
		QuerySubmitted submitted = submitted();

		assertThat(JsonCodec.decode(JsonCodec.encode(submitted), QuerySubmitted.class)).isEqualTo(submitted);
	}

	@Test
	void instants_areIsoStrings() {
		JsonNode json = tree(JsonCodec.encode(QueryStatus.queued(submitted()).running(STARTED)));

		assertThat(json.get("submittedAt").isString()).isTrue();
		assertThat(json.get("submittedAt").stringValue()).isEqualTo("2026-11-22T10:00:00Z");
		assertThat(json.get("startedAt").stringValue()).isEqualTo("2026-11-22T10:00:00.120Z");
	}

	@Test
	void enums_areTheirNames() {
		QueryStatus status = QueryStatus.queued(submitted())
			.running(STARTED)
			.succeeded(COMPLETED, CacheOutcome.COALESCED, result());

		JsonNode json = tree(JsonCodec.encode(status));

		assertThat(json.get("state").stringValue()).isEqualTo("SUCCEEDED");
		assertThat(json.get("cache").stringValue()).isEqualTo("COALESCED");
	}

	@Test
	void queryStatus_withResult_roundTrip() {
		QueryStatus status = QueryStatus.queued(submitted())
			.running(STARTED)
			.succeeded(COMPLETED, CacheOutcome.MISS, result());

		QueryStatus decoded = JsonCodec.decode(JsonCodec.encode(status), QueryStatus.class);

		assertThat(decoded).isEqualTo(status);
		assertThat(decoded.result().rows().get(0)).containsExactly(1001, "25.99", "2026-11-22", true, null);
	}

	@Test
	void queryStatus_withError_roundTrip() {
		QueryStatus status = QueryStatus.queued(submitted())
			.running(STARTED)
			.ended(QueryState.FAILED, COMPLETED,
					new QueryError("57014", "canceling statement due to statement timeout"));

		assertThat(JsonCodec.decode(JsonCodec.encode(status), QueryStatus.class)).isEqualTo(status);
	}

	@Test
	void queryStatus_nulls_roundTrip() {
		QueryStatus status = QueryStatus.queued(submitted());

		byte[] json = JsonCodec.encode(status);

		assertThat(JsonCodec.decode(json, QueryStatus.class)).isEqualTo(status);
		assertThat(tree(json).get("error").isNull()).isTrue();
		assertThat(tree(json).get("result").isNull()).isTrue();
	}

	@Test
	void queryCancelRequested_roundTrip() {
		QueryCancelRequested cancel = new QueryCancelRequested("q_01JD7Q", STARTED);

		assertThat(JsonCodec.decode(JsonCodec.encode(cancel), QueryCancelRequested.class)).isEqualTo(cancel);
	}

	@Test
	void unknownFields_ignored() {
		byte[] json = utf8("""
				{"id": "q_1", "query": "ping", "state": "QUEUED", "submittedAt": "2026-11-22T10:00:00Z",
				 "priority": 7, "trace": {"span": [1, 2]}}
				""");

		QueryStatus status = JsonCodec.decode(json, QueryStatus.class);

		assertThat(status).isEqualTo(
				new QueryStatus("q_1", "ping", QueryState.QUEUED, SUBMITTED, null, null, null, null, null, null));
	}

	@Test
	void garbage_isSerializationException() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> JsonCodec.decode(utf8("not json"), QueryStatus.class))
			.withMessage("Not a valid QueryStatus JSON document");
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> JsonCodec.decode(utf8("{\"id\": \"q_1\", \"state\": "), QueryStatus.class));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> JsonCodec.decode(utf8("{\"id\": \"q_1\", \"state\": \"PAUSED\"}"), QueryStatus.class));
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> JsonCodec.decode(utf8("{\"submittedAt\": \"yesterday\"}"), QuerySubmitted.class))
			.withMessage("Not a valid QuerySubmitted JSON document");
	}

	@Test
	void kafkaClasses_instantiatedByName() throws ReflectiveOperationException {
		// Kafka creates serializers from class names in its properties: they need public
		// no-argument constructors.
		Serializer<Object> serializer = JsonCodec.Serializing.class.getConstructor().newInstance();
		Deserializer<QuerySubmitted> submittedDeserializer = JsonCodec.QuerySubmittedDeserializer.class.getConstructor()
			.newInstance();
		Deserializer<QueryStatus> statusDeserializer = JsonCodec.QueryStatusDeserializer.class.getConstructor()
			.newInstance();
		Deserializer<QueryCancelRequested> cancelDeserializer = JsonCodec.QueryCancelRequestedDeserializer.class
			.getConstructor()
			.newInstance();
		QueryStatus status = QueryStatus.queued(submitted());
		QueryCancelRequested cancel = new QueryCancelRequested("q_1", STARTED);

		assertThat(submittedDeserializer.deserialize(Topics.QUERIES, serializer.serialize(Topics.QUERIES, submitted())))
			.isEqualTo(submitted());
		assertThat(statusDeserializer.deserialize(Topics.RESULTS, serializer.serialize(Topics.RESULTS, status)))
			.isEqualTo(status);
		assertThat(cancelDeserializer.deserialize(Topics.CANCELS, serializer.serialize(Topics.CANCELS, cancel)))
			.isEqualTo(cancel);
	}

	@Test
	void deserializer_forType() {
		QueryStatus status = QueryStatus.queued(submitted());

		assertThat(JsonCodec.deserializer(QueryStatus.class).deserialize(Topics.RESULTS, JsonCodec.encode(status)))
			.isEqualTo(status);
	}

	@Test
	void nullRecords_stayNull() {
		// Tombstones have no value; they must not turn into a decoding error.
		assertThat(new JsonCodec.Serializing().serialize(Topics.RESULTS, null)).isNull();
		assertThat(new JsonCodec.QueryStatusDeserializer().deserialize(Topics.RESULTS, null)).isNull();
		assertThat(JsonCodec.deserializer(QuerySubmitted.class).deserialize(Topics.QUERIES, null)).isNull();
	}

	@Test
	void deserializer_garbage_isSerializationException() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> new JsonCodec.QuerySubmittedDeserializer().deserialize(Topics.QUERIES, utf8("[1, 2")));
	}

}
