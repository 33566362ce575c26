package dev.sluice.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open-loop load on one ingress: submissions at a fixed rate, whatever the answers,
 * each followed to its end. A submission asks to wait up to 10 s for its result
 * ({@code Prefer: wait=10}); one that is not done by then is long-polled until it is.
 * <p>
 * The mix, by share of submissions: 45 % {@code customer_by_id}, 25 %
 * {@code order_details}, 20 % {@code customer_orders} of 100 rows, 10 %
 * {@code orders_page} of 2000 rows with a 256-character note each (about 0.6 MB of JSON),
 * all on random ids, so most miss the cache.
 * <p>
 * Nothing accepted may go missing: a query counts as lost if its id stops being known
 * (404) before it ended, or if it has not ended two minutes after it was accepted.
 */
public final class SoakLoad {

	/**
	 * The most submissions followed at once; above it the load counts them as dropped.
	 */
	private static final int MAX_OPEN = 5000;

	private static final Duration GIVE_UP = Duration.ofMinutes(2);

	private static final Pattern STATE = Pattern.compile("\"state\":\"([A-Z]+)\"");

	private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private final long customers;

	private final long orders;

	private final SplittableRandom random = new SplittableRandom(20261202);

	private final AtomicInteger open = new AtomicInteger();

	private final LongAdder sent = new LongAdder();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder lost = new LongAdder();

	private final LongAdder failedRequests = new LongAdder();

	private final Map<String, LongAdder> ended = new ConcurrentHashMap<>();

	/**
	 * @param baseUrl the ingress
	 * @param customers the highest customer id of the demo data
	 * @param orders the highest order id
	 */
	public SoakLoad(String baseUrl, long customers, long orders) {
		this.baseUrl = baseUrl;
		this.customers = customers;
		this.orders = orders;
	}

	/**
	 * Submit at {@code perSecond} for {@code duration}, then wait for every accepted
	 * query to end.
	 * @param perSecond submissions per second
	 * @param duration how long to submit
	 * @param timeoutMs each submission's {@code timeoutMs}
	 */
	public void run(double perSecond, Duration duration, int timeoutMs) throws InterruptedException {
		ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
		long started = System.nanoTime();
		long end = started + duration.toNanos();
		double[] due = { 0 };
		ticker.scheduleAtFixedRate(() -> {
			long now = System.nanoTime();
			if (now >= end) {
				return;
			}
			double shouldHaveSent = perSecond * (now - started) / 1e9;
			while (due[0] < shouldHaveSent) {
				due[0]++;
				submit(timeoutMs);
			}
		}, 0, 10, TimeUnit.MILLISECONDS);
		Thread.sleep(duration.toMillis());
		ticker.shutdown();
		ticker.awaitTermination(5, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + GIVE_UP.toNanos() + TimeUnit.SECONDS.toNanos(30);
		while (this.open.get() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		this.lost.add(this.open.get());
	}

	private void submit(int timeoutMs) {
		this.sent.increment();
		if (this.open.get() >= MAX_OPEN) {
			this.dropped.increment();
			return;
		}
		this.open.incrementAndGet();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/queries"))
			.header("Content-Type", "application/json")
			.header("Prefer", "wait=10")
			.timeout(Duration.ofSeconds(40))
			.POST(HttpRequest.BodyPublishers.ofString(nextBody(timeoutMs)))
			.build();
		long acceptedBy = System.nanoTime() + GIVE_UP.toNanos();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
			if (failure != null) {
				this.failedRequests.increment();
				this.open.decrementAndGet();
			}
			else if (response.statusCode() == 503) {
				this.refused.increment();
				this.open.decrementAndGet();
			}
			else if (response.statusCode() == 200 || response.statusCode() == 202) {
				this.accepted.increment();
				follow(response, acceptedBy);
			}
			else {
				this.failedRequests.increment();
				this.open.decrementAndGet();
			}
		});
	}

	/** Long-poll the query until it ends, it is forgotten, or the time is up. */
	private void follow(HttpResponse<String> response, long giveUpAt) {
		String body = response.body();
		Matcher state = STATE.matcher(body);
		String current = state.find() ? state.group(1) : "";
		if (!current.equals("QUEUED") && !current.equals("RUNNING") && !current.isEmpty()) {
			this.ended.computeIfAbsent(current, (name) -> new LongAdder()).increment();
			this.open.decrementAndGet();
			return;
		}
		Matcher id = ID.matcher(body);
		if (!id.find() || System.nanoTime() > giveUpAt) {
			this.lost.increment();
			this.open.decrementAndGet();
			return;
		}
		HttpRequest poll = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/queries/" + id.group(1)))
			.header("Prefer", "wait=10")
			.timeout(Duration.ofSeconds(40))
			.build();
		CompletableFuture<HttpResponse<String>> next = this.http.sendAsync(poll, HttpResponse.BodyHandlers.ofString());
		next.whenComplete((answer, failure) -> {
			if (failure != null || answer.statusCode() == 404) {
				this.lost.increment();
				this.open.decrementAndGet();
			}
			else {
				follow(answer, giveUpAt);
			}
		});
	}

	private synchronized String nextBody(int timeoutMs) {
		int pick = this.random.nextInt(100);
		String query;
		String params;
		if (pick < 45) {
			query = "customer_by_id";
			params = "{\"customerId\": " + (1 + this.random.nextLong(this.customers)) + "}";
		}
		else if (pick < 70) {
			query = "order_details";
			params = "{\"orderId\": " + (1 + this.random.nextLong(this.orders)) + "}";
		}
		else if (pick < 90) {
			query = "customer_orders";
			params = "{\"customerId\": " + (1 + this.random.nextLong(this.customers)) + ", \"limit\": 100}";
		}
		else {
			query = "orders_page";
			params = "{\"after\": " + this.random.nextLong(Math.max(1, this.orders - 2000)) + "}";
		}
		return "{\"query\": \"" + query + "\", \"params\": " + params + ", \"timeoutMs\": " + timeoutMs + "}";
	}

	/**
	 * @return what happened to the submissions so far
	 */
	public Counts counts() {
		Map<String, Long> states = new TreeMap<>();
		this.ended.forEach((state, count) -> states.put(state, count.sum()));
		return new Counts(this.sent.sum(), this.accepted.sum(), this.refused.sum(), this.dropped.sum(),
				this.failedRequests.sum(), this.lost.sum(), states, this.open.get());
	}

	/**
	 * @param sent submissions made
	 * @param accepted answered 200 or 202
	 * @param refused answered 503
	 * @param dropped not sent because too many were open (the load's own bound)
	 * @param failedRequests answered otherwise, or not at all
	 * @param lost accepted and never seen to end
	 * @param ended accepted and ended, by final state
	 * @param open still followed
	 */
	public record Counts(long sent, long accepted, long refused, long dropped, long failedRequests, long lost,
			Map<String, Long> ended, int open) {

		public long endedTotal() {
			return this.ended.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
