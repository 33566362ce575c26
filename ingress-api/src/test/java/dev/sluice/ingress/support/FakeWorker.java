package dev.sluice.ingress.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.Column;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the worker on the real broker: reads a topic from the beginning and writes status
 * records to {@code sluice.results}, as a worker would: the document's bytes with its
 * head in {@link StatusHeaders} (or, for the records of older workers, without them). Not
 * thread-safe: one test thread uses it.
 */
public final class FakeWorker implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final KafkaProducer<String, Object> producer;

	private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

	private final String topic;

	public FakeWorker(String bootstrapServers, String topic) {
		this.topic = topic;
		this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringDeserializer(), new ByteArrayDeserializer());
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new JsonCodec.Serializing());
	}

	/**
	 * Wait for the record of a query id on the topic.
	 * @param id the query id the value carries
	 * @param type the value type
	 * @return the record
	 */
	public <T> Received<T> awaitRecord(String id, Class<T> type) {
		assignIfNeeded();
		Optional<Received<T>>[] found = new Optional[] { Optional.empty() };
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
			found[0] = find(id, type);
			return found[0].isPresent();
		});
		return found[0].get();
	}

	/**
	 * Wait for the first record whose value matches.
	 * @param type the value type
	 * @param matching the condition
	 * @return the value
	 */
	public <T> T awaitMatching(Class<T> type, java.util.function.Predicate<T> matching) {
		assignIfNeeded();
		Object[] found = new Object[1];
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			this.consumer.poll(Duration.ofMillis(200)).forEach(this.seen::add);
			this.seen.stream()
				.filter((record) -> record.value() != null)
				.map((record) -> JsonCodec.decode(record.value(), type))
				.filter(matching)
				.findFirst()
				.ifPresent((value) -> found[0] = value);
			return found[0] != null;
		});
		return type.cast(found[0]);
	}

	/**
	 * Every record of the topic seen so far under a key, empty values included.
	 * @param key the record key
	 * @return the records, in the order of their partition
	 */
	public List<ConsumerRecord<String, byte[]>> records(String key) {
		assignIfNeeded();
		this.consumer.poll(Duration.ofMillis(500)).forEach(this.seen::add);
		return this.seen.stream().filter((record) -> key.equals(record.key())).toList();
	}

	/** Every record of the topic seen so far whose value carries {@code id}. */
	public <T> List<Received<T>> all(String id, Class<T> type) {
		assignIfNeeded();
		this.consumer.poll(Duration.ofMillis(500)).forEach(this.seen::add);
		return this.seen.stream()
			.filter((record) -> record.value() != null)
			.map((record) -> new Received<>(record.key(), JsonCodec.decode(record.value(), type), record))
			.filter((received) -> id.equals(idOf(received.value())))
			.toList();
	}

	/**
	 * Publish a status as workers do: the document's bytes as the value, its head as
	 * {@link StatusHeaders}.
	 * @param status the status
	 * @return the bytes written
	 */
	public byte[] publish(QueryStatus status) {
		EncodedStatus encoded = EncodedStatus.of(status);
		RecordHeaders headers = new RecordHeaders();
		StatusHeaders.write(encoded.head(), headers);
		send(new ProducerRecord<>(Topics.RESULTS, null, status.id(), encoded.json(), headers));
		return encoded.json();
	}

	/**
	 * Publish a status as workers did before {@link StatusHeaders} existed: the value
	 * only.
	 * @param status the status
	 */
	public void publishWithoutHeaders(QueryStatus status) {
		send(new ProducerRecord<>(Topics.RESULTS, status.id(), status));
	}

	/**
	 * Publish any record to the results topic, e.g. bytes that are not what encoding the
	 * status would give.
	 * @param record the record
	 */
	public void send(ProducerRecord<String, Object> record) {
		try {
			this.producer.send(record).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish " + record, ex);
		}
	}

	/** Publish RUNNING then SUCCEEDED with a one-row result. */
	public QueryStatus succeed(QueryStatus queued) {
		QueryStatus running = queued.running(Instant.now());
		publish(running);
		QueryStatus succeeded = running.succeeded(Instant.now(), CacheOutcome.MISS,
				new QueryResult(List.of(new Column("id", "int8")), List.of(List.of(42)), 1, false));
		publish(succeeded);
		return succeeded;
	}

	private <T> Optional<Received<T>> find(String id, Class<T> type) {
		return this.seen.stream()
			.filter((record) -> record.value() != null)
			.map((record) -> new Received<>(record.key(), JsonCodec.decode(record.value(), type), record))
			.filter((received) -> id.equals(idOf(received.value())))
			.findFirst();
	}

	private static String idOf(Object value) {
		return switch (value) {
			case dev.sluice.contract.QuerySubmitted submitted -> submitted.id();
			case QueryStatus status -> status.id();
			case dev.sluice.contract.QueryCancelRequested cancel -> cancel.id();
			default -> null;
		};
	}

	private void assignIfNeeded() {
		if (this.consumer.assignment().isEmpty()) {
			List<TopicPartition> partitions = this.consumer.partitionsFor(this.topic)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToBeginning(partitions);
		}
	}

	@Override
	public void close() {
		this.consumer.close();
		this.producer.close(Duration.ofSeconds(5));
	}

	public record Received<T>(String key, T value, ConsumerRecord<String, byte[]> record) {
	}

}
