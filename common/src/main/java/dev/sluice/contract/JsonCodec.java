package dev.sluice.contract;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON encoding of the message records, as Kafka serializer and deserializer. Unknown
 * fields are ignored so that a field added to a message never breaks an older reader.
 *
 * <pre>{@code
 * props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonCodec.Serializing.class);
 * Deserializer<QueryStatus> values = JsonCodec.deserializer(QueryStatus.class);
 * }</pre>
 */
public final class JsonCodec {

	/** The mapper for every message; thread-safe. */
	public static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private JsonCodec() {
	}

	public static byte[] encode(Object message) {
		try {
			return MAPPER.writeValueAsBytes(message);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Cannot encode " + message.getClass().getSimpleName() + " as JSON", ex);
		}
	}

	public static <T> T decode(byte[] json, Class<T> type) {
		try {
			return MAPPER.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Not a valid " + type.getSimpleName() + " JSON document", ex);
		}
	}

	public static <T> Deserializer<T> deserializer(Class<T> type) {
		return new Decoding<>(type);
	}

	/**
	 * Encodes any message record; usable by class name in Kafka properties. A
	 * {@code byte[]} is taken as a document encoded already (an {@link EncodedStatus}'s
	 * bytes) and passes unchanged.
	 */
	public static final class Serializing implements Serializer<Object> {

		@Override
		public byte @Nullable [] serialize(String topic, @Nullable Object data) {
			if (data instanceof byte[] encoded) {
				return encoded;
			}
			return (data != null) ? encode(data) : null;
		}

	}

	/**
	 * Decodes {@link QuerySubmitted} values; usable by class name in Kafka properties.
	 */
	public static final class QuerySubmittedDeserializer extends Decoding<QuerySubmitted> {

		public QuerySubmittedDeserializer() {
			super(QuerySubmitted.class);
		}

	}

	/** Decodes {@link QueryStatus} values; usable by class name in Kafka properties. */
	public static final class QueryStatusDeserializer extends Decoding<QueryStatus> {

		public QueryStatusDeserializer() {
			super(QueryStatus.class);
		}

	}

	/**
	 * Decodes {@link QueryCancelRequested} values; usable by class name in Kafka
	 * properties.
	 */
	public static final class QueryCancelRequestedDeserializer extends Decoding<QueryCancelRequested> {

		public QueryCancelRequestedDeserializer() {
			super(QueryCancelRequested.class);
		}

	}

	private static class Decoding<T> implements Deserializer<T> {

		private final Class<T> type;

		Decoding(Class<T> type) {
			this.type = type;
		}

		@Override
		public @Nullable T deserialize(String topic, byte @Nullable [] data) {
			return (data != null) ? decode(data, this.type) : null;
		}

	}

}
