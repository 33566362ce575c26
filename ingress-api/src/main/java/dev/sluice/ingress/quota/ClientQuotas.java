package dev.sluice.ingress.quota;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.clients.Client;
import dev.sluice.ingress.clients.ClientDirectory;
import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import dev.sluice.ingress.view.QueryStatuses;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Holds every client to its {@link dev.sluice.ingress.clients.Quota}: a token bucket of
 * submissions and a cap on its queries queued or running.
 *
 * <pre>{@code
 * Permit permit = quotas.admit(client, id); // or QuotaExceededException, 429
 * try { queue(id); } catch (RuntimeException ex) { permit.release(); throw ex; }
 * }</pre>
 *
 * <p>
 * <b>Across replicas.</b> Each replica keeps its own count, fed by two sources: its own
 * admissions, at once, and every status on {@code sluice.results}, which every replica
 * reads in full. A query another replica accepted takes a token and a place here as soon
 * as its {@code QUEUED} status arrives, and gives the place back when its terminal status
 * does. The limits are therefore shared, and approximate: within the time a status takes
 * to reach the other replicas (milliseconds while Kafka is healthy), each replica may
 * admit against a count that misses the others' newest admissions. With {@code n}
 * replicas a client can get up to {@code n} bursts at once, after which the debt is taken
 * from every replica's bucket and the average holds. A query whose end was missed (its
 * status dropped early by a replica's memory bound) stops counting after the longest time
 * any catalog query may live.
 *
 * <p>
 * Exports {@code sluice.client.queries{client, state=queued|running}} for each client of
 * the keys file it has met.
 */
public final class ClientQuotas {

	private final ClientDirectory directory;

	private final Clock clock;

	private final long maxLifetimeMillis;

	private final MeterRegistry registry;

	private final ConcurrentMap<String, ClientUsage> usage = new ConcurrentHashMap<>();

	/**
	 * @param statuses every query's status, whichever replica accepted it
	 * @param directory the clients of the keys file, by name
	 * @param maxLifetime the longest a query may be queued and run, after which it no
	 * longer counts as in flight
	 * @param clock the clock
	 * @param registry where the gauges go
	 */
	ClientQuotas(QueryStatuses statuses, ClientDirectory directory, Duration maxLifetime, Clock clock,
			MeterRegistry registry) {
		this.directory = directory;
		this.clock = clock;
		this.maxLifetimeMillis = maxLifetime.toMillis();
		this.registry = registry;
		statuses.subscribeToAll(this::applied);
	}

	/**
	 * Take a token and a place for a query about to be queued.
	 * @param client who submits it
	 * @param id its id
	 * @return the permit, to release if it is not queued after all
	 * @throws QuotaExceededException if the client is over its rate or has as many
	 * queries in flight as it may
	 */
	public Permit admit(Client client, String id) {
		long now = this.clock.millis();
		ClientUsage.Decision decision = usageOf(client.name()).admit(client.quota(), id, now,
				now - this.maxLifetimeMillis);
		if (decision.outcome() != Outcome.ACCEPTED) {
			throw new QuotaExceededException(client.name(), decision);
		}
		return new Permit(client.name(), id, decision);
	}

	private void applied(@Nullable StatusHead previous, StatusHead status) {
		String name = status.client();
		if (name == null) {
			return;
		}
		long now = this.clock.millis();
		if (status.state().isTerminal()) {
			ClientUsage known = this.usage.get(name);
			if (known != null) {
				known.ended(status.id(), now);
			}
			return;
		}
		Client client = this.directory.named(name);
		if (client != null) {
			usageOf(name).seen(client.quota(), status.id(), status.submittedAt().toEpochMilli(),
					status.state() == QueryState.RUNNING, now);
		}
	}

	private ClientUsage usageOf(String client) {
		ClientUsage known = this.usage.get(client);
		return (known != null) ? known : this.usage.computeIfAbsent(client, this::register);
	}

	private ClientUsage register(String client) {
		ClientUsage added = new ClientUsage();
		Gauge.builder("sluice.client.queries", added, ClientUsage::queued)
			.description("Queries of a client queued, as this ingress counts them")
			.tag("client", client)
			.tag("state", "queued")
			.register(this.registry);
		Gauge.builder("sluice.client.queries", added, ClientUsage::running)
			.description("Queries of a client running, as this ingress counts them")
			.tag("client", client)
			.tag("state", "running")
			.register(this.registry);
		return added;
	}

	/**
	 * A query's token and place, taken by {@link #admit}.
	 */
	public final class Permit {

		private final String client;

		private final String id;

		private final ClientUsage.Decision decision;

		private Permit(String client, String id, ClientUsage.Decision decision) {
			this.client = client;
			this.id = id;
			this.decision = decision;
		}

		/**
		 * Give the token and place back: the query was not queued after all.
		 */
		public void release() {
			ClientUsage known = ClientQuotas.this.usage.get(this.client);
			if (known != null) {
				known.release(this.id, ClientQuotas.this.clock.millis());
			}
		}

		/**
		 * @param headers where to write the client's {@code RateLimit} fields, as they
		 * stood at admission; nothing for a client without limits
		 */
		public void writeTo(HttpHeaders headers) {
			RateLimitFields.write(this.decision, headers);
		}

	}

}
