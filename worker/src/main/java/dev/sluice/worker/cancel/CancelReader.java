package dev.sluice.worker.cancel;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryCancelRequested;
import dev.sluice.contract.Topics;
import dev.sluice.support.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@link Topics#CANCELS} on its own thread with a
 * {@link TopicReader}, without a consumer group: each worker must see every cancel, since
 * any of them may hold the query.
 * <p>
 * Starts at the cancels of the last {@code lookBack} (the longest catalog
 * {@code queueTimeout} plus a minute: a query older than that has expired anyway) and
 * catches up before the query listener starts, so a query queued before its cancel is
 * never started by a worker that has not seen the cancel yet.
 */
class CancelReader implements SmartLifecycle {

	/** Before the query listener container starts, after it stops. */
	static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Logger logger = LoggerFactory.getLogger(CancelReader.class);

	private final Map<String, Object> consumerConfig;

	private final CanceledQueries canceled;

	private final Duration lookBack;

	private final Duration startTimeout;

	private final Clock clock;

	private volatile @Nullable TopicReader<String, QueryCancelRequested> reader;

	CancelReader(Map<String, Object> consumerConfig, CanceledQueries canceled, Duration lookBack, Duration startTimeout,
			Clock clock) {
		this.consumerConfig = Map.copyOf(consumerConfig);
		this.canceled = canceled;
		this.lookBack = lookBack;
		this.startTimeout = startTimeout;
		this.clock = clock;
	}

	/**
	 * How far back the reader starts for a catalog: its longest {@code queueTimeout} plus
	 * a minute of clock skew.
	 * @param catalog the worker's catalog
	 * @return the look-back
	 */
	static Duration lookBack(Catalog catalog) {
		return catalog.longest(CatalogQuery::queueTimeout).plusMinutes(1);
	}

	/**
	 * Reads the recent cancels on the calling thread, so that start-up waits for them (up
	 * to the start timeout), then follows the topic on its own thread.
	 * @throws IllegalStateException if the topic cannot be read
	 */
	@Override
	public void start() {
		TopicReader<String, QueryCancelRequested> reader = TopicReader.since(this.clock.instant().minus(this.lookBack),
				Topics.CANCELS,
				() -> new KafkaConsumer<>(this.consumerConfig, new StringDeserializer(), lenientDeserializer()),
				(records) -> records.forEach(this::apply));
		try {
			reader.open(this.startTimeout);
			if (!reader.catchUp(this.startTimeout)) {
				logger.warn("Not caught up with {} after {}; reading on in the background", Topics.CANCELS,
						this.startTimeout);
			}
		}
		catch (RuntimeException ex) {
			reader.stop();
			throw new IllegalStateException("Cannot read " + Topics.CANCELS + ": " + ex.getMessage(), ex);
		}
		reader.follow("sluice-cancels");
		this.reader = reader;
	}

	@Override
	public void stop() {
		TopicReader<String, QueryCancelRequested> current = this.reader;
		if (current != null) {
			current.stop();
		}
	}

	@Override
	public boolean isRunning() {
		TopicReader<String, QueryCancelRequested> current = this.reader;
		return current != null && current.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void apply(ConsumerRecord<String, QueryCancelRequested> record) {
		String id = (record.value() != null && record.value().id() != null) ? record.value().id() : record.key();
		if (id != null) {
			logger.debug("Query {} was cancelled", id);
			this.canceled.cancel(id);
		}
	}

	/**
	 * A cancel whose value cannot be decoded still names the query in its key, so the
	 * value is decoded leniently rather than failing the poll.
	 */
	private static Deserializer<QueryCancelRequested> lenientDeserializer() {
		Deserializer<QueryCancelRequested> strict = JsonCodec.deserializer(QueryCancelRequested.class);
		return (topic, data) -> {
			try {
				return strict.deserialize(topic, data);
			}
			catch (SerializationException ex) {
				return null;
			}
		};
	}

}
