package dev.sluice.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryCancelRequested;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.awaitility.Awaitility.await;

/**
 * Plays the ingress in tests: produces {@link QuerySubmitted} records keyed by
 * {@link RoutingKey}, cancels, and raw bytes, the way the real ingress would.
 */
public final class QueryClient implements AutoCloseable {

	private final Catalog catalog;

	private final KafkaProducer<String, Object> producer;

	private final KafkaProducer<String, byte[]> rawProducer;

	private final Admin admin;

	public QueryClient(String bootstrapServers, Catalog catalog) {
		this.catalog = catalog;
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20);
		this.producer = new KafkaProducer<>(config, new StringSerializer(), new JsonCodec.Serializing());
		this.rawProducer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	/**
	 * A query as the ingress would accept it: validated, defaults applied, deadline one
	 * minute ahead.
	 */
	public QuerySubmitted query(String name, Map<String, Object> params) {
		Instant now = Instant.now();
		return query(name, params, now, now.plus(Duration.ofMinutes(1)));
	}

	public QuerySubmitted query(String name, Map<String, Object> params, Instant submittedAt, Instant deadline) {
		CatalogQuery query = this.catalog.find(name).orElseThrow();
		return new QuerySubmitted(newId(), name, query.toWire(query.bind(params)), submittedAt, deadline);
	}

	public static String newId() {
		return "q_" + UUID.randomUUID().toString().replace("-", "");
	}

	public RecordMetadata submit(QuerySubmitted submitted) {
		return get(send(submitted));
	}

	/**
	 * Submit several queries in one producer batch, so that the worker polls them
	 * together.
	 */
	public List<RecordMetadata> submitTogether(List<QuerySubmitted> queries) {
		List<Future<RecordMetadata>> sent = new ArrayList<>();
		queries.forEach((query) -> sent.add(send(query)));
		this.producer.flush();
		return sent.stream().map(QueryClient::get).toList();
	}

	private Future<RecordMetadata> send(QuerySubmitted submitted) {
		String key = RoutingKey.of(submitted.query(), (submitted.params() != null) ? submitted.params() : Map.of());
		return this.producer.send(new ProducerRecord<>(Topics.QUERIES, key, submitted));
	}

	public RecordMetadata submitRaw(String key, byte[] value) {
		return get(this.rawProducer.send(new ProducerRecord<>(Topics.QUERIES, key, value)));
	}

	public void cancel(String id) {
		get(this.producer.send(new ProducerRecord<>(Topics.CANCELS, id, new QueryCancelRequested(id, Instant.now()))));
	}

	/**
	 * Wait until the worker group committed past a record, which it does only after every
	 * status of the record's batch was acknowledged.
	 */
	public void awaitCommitted(RecordMetadata record, Duration timeout) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		await().atMost(timeout).until(() -> {
			ListConsumerGroupOffsetsResult offsets = this.admin.listConsumerGroupOffsets(Topics.WORKER_GROUP);
			OffsetAndMetadata committed = offsets.partitionsToOffsetAndMetadata().get().get(partition);
			return committed != null && committed.offset() > record.offset();
		});
	}

	/**
	 * The committed offset of the worker group on a partition, or -1.
	 */
	public long committedOffset(RecordMetadata record) throws Exception {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		OffsetAndMetadata committed = this.admin.listConsumerGroupOffsets(Topics.WORKER_GROUP)
			.partitionsToOffsetAndMetadata()
			.get()
			.get(partition);
		return (committed != null) ? committed.offset() : -1;
	}

	private static RecordMetadata get(Future<RecordMetadata> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not produce: " + ex.getCause().getMessage(), ex.getCause());
		}
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
		this.rawProducer.close(Duration.ofSeconds(5));
		this.admin.close(Duration.ofSeconds(5));
	}

}
