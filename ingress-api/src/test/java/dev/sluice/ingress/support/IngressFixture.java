package dev.sluice.ingress.support;

import java.net.URI;
import java.net.http.HttpResponse;

import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One ingress on a real broker, with the test playing the worker: it reads
 * {@code sluice.queries} and {@code sluice.cancels} and writes {@code sluice.results}.
 * The ingress also records which requests went asynchronous ({@link AsyncStarts}).
 *
 * <p>
 * A test class asks for it with {@code @ExtendWith(IngressFixture.Shared.class)} and an
 * {@code IngressFixture} parameter of its constructor.
 * <p>
 * Every test class that asks for it gets the same one, started by the first and closed
 * once all tests have run: starting a broker and an ingress costs far more than most of
 * these tests. Each test works on queries of its own (its own parameters, its own
 * {@code Idempotency-Key}), so no test sees another's and their order does not matter.
 * Not thread-safe, like {@link FakeWorker}: tests run one after the other.
 */
public final class IngressFixture implements AutoCloseable {

	private final KafkaBroker broker;

	private final RunningIngress ingress;

	private final FakeWorker queries;

	private final FakeWorker results;

	private final FakeWorker cancels;

	private IngressFixture(KafkaBroker broker, RunningIngress ingress) {
		this.broker = broker;
		this.ingress = ingress;
		this.queries = new FakeWorker(broker.bootstrapServers(), Topics.QUERIES);
		this.results = new FakeWorker(broker.bootstrapServers(), Topics.RESULTS);
		this.cancels = new FakeWorker(broker.bootstrapServers(), Topics.CANCELS);
	}

	private static IngressFixture start() {
		KafkaBroker broker = KafkaBroker.temporary().start();
		try {
			return new IngressFixture(broker,
					RunningIngress.start(broker.bootstrapServers(), new Class<?>[] { AsyncStarts.class }));
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
	}

	public RunningIngress ingress() {
		return this.ingress;
	}

	/** Reads {@code sluice.queries}, as a worker would. */
	public FakeWorker queries() {
		return this.queries;
	}

	/** Reads and writes {@code sluice.results}, as a worker would. */
	public FakeWorker results() {
		return this.results;
	}

	/** Reads {@code sluice.cancels}, as a worker would. */
	public FakeWorker cancels() {
		return this.cancels;
	}

	/**
	 * Submit a query, which must be accepted.
	 * @param body the {@code POST /v1/queries} body
	 * @return the id of the query
	 */
	public String submit(String body) {
		HttpResponse<String> response = Http.post(this.ingress.uri("/v1/queries"), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return Http.json(response).get("id").stringValue();
	}

	public URI uri(String path) {
		return this.ingress.uri(path);
	}

	@Override
	public void close() {
		for (AutoCloseable closeable : new AutoCloseable[] { this.queries, this.results, this.cancels, this.ingress,
				this.broker }) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// Keep closing the rest; the tests' outcome is already decided.
			}
		}
	}

	/**
	 * Resolves a parameter of type {@link IngressFixture} to the one every test class
	 * shares, starting it on first use; JUnit closes it once all tests have run.
	 */
	public static final class Shared implements ParameterResolver {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
			.create(IngressFixture.class);

		@Override
		public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
			return parameter.getParameter().getType() == IngressFixture.class;
		}

		@Override
		public IngressFixture resolveParameter(ParameterContext parameter, ExtensionContext context) {
			return context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(IngressFixture.class, (key) -> start(), IngressFixture.class);
		}

	}

}
