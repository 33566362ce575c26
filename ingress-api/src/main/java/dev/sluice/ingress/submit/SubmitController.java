package dev.sluice.ingress.submit;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import dev.sluice.catalog.FieldError;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryState;
import dev.sluice.ingress.IngressProperties;
import dev.sluice.ingress.QueryIds;
import dev.sluice.ingress.clients.Client;
import dev.sluice.ingress.clients.QueryNotAllowedException;
import dev.sluice.ingress.kafka.KafkaUnavailableException;
import dev.sluice.ingress.quota.ClientQuotas;
import dev.sluice.ingress.quota.QuotaExceededException;
import dev.sluice.ingress.view.QueryStatuses;
import dev.sluice.ingress.query.PreferWait;
import dev.sluice.ingress.query.StatusAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/queries}: validate, queue, answer {@code 202} with {@code Location}
 * once Kafka has the query, or {@code 200} if it ended within {@code Prefer: wait=N}.
 *
 * <p>
 * With an {@code Idempotency-Key} the id is derived from the key; if that id already
 * exists (checked through the read barrier, so across replicas) its current status is
 * answered with {@code Idempotent-Replayed: true} and nothing is queued. A key this
 * replica does not know yet is held to the client's quota before that check, so an over
 * quota client is refused without a round trip to Kafka. A {@code QUEUED} one is checked
 * through the read barrier first, because its submission may have failed and been
 * withdrawn since, and then the key queues the query again. Concurrent requests with the
 * same key are serialized within one replica; two replicas receiving the same new key in
 * the same instant may both queue it, which runs it twice under one id, and the first
 * terminal status wins everywhere.
 */
@RestController
class SubmitController {

	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final SubmissionParser parser;

	private final Admission admission;

	private final Submitter submitter;

	private final QueryStatuses statuses;

	private final ClientQuotas quotas;

	private final QueryIds ids;

	private final SubmissionMetrics metrics;

	private final IngressProperties properties;

	private final Lock[] idempotencyLocks = new Lock[64];

	SubmitController(SubmissionParser parser, Admission admission, Submitter submitter, QueryStatuses statuses,
			ClientQuotas quotas, QueryIds ids, SubmissionMetrics metrics, IngressProperties properties) {
		this.parser = parser;
		this.admission = admission;
		this.submitter = submitter;
		this.statuses = statuses;
		this.quotas = quotas;
		this.ids = ids;
		this.metrics = metrics;
		this.properties = properties;
		for (int i = 0; i < this.idempotencyLocks.length; i++) {
			this.idempotencyLocks[i] = new ReentrantLock();
		}
	}

	/**
	 * @return {@code null} once the answer is written, on the request thread and without
	 * an asynchronous dispatch; or the answer to come after a {@code Prefer: wait}
	 */
	@PostMapping(path = "/v1/queries", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Nullable CompletableFuture<ResponseEntity<byte[]>> submit(HttpServletRequest request,
			@RequestHeader(name = "Prefer", required = false) @Nullable List<String> prefer,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey, Client client,
			HttpServletResponse response) throws IOException {
		Submission submission = validate(request, idempotencyKey, client);
		checkScope(client, submission);
		Outcome outcome = enqueue(client, submission, idempotencyKey);
		Duration wait = PreferWait.applied(prefer, this.properties.maxWait());
		EncodedStatus status = outcome.status();
		if (wait == null || status.state().isTerminal()) {
			HttpHeaders rateLimit = new HttpHeaders();
			outcome.writeRateLimitTo(rateLimit);
			rateLimit.forEach((name, values) -> response.setHeader(name, values.getFirst()));
			StatusAnswer.submitted(status, wait, outcome.replayed()).writeTo(response);
			return null;
		}
		return this.statuses.whenTerminal(status.id(), wait).thenApply((latest) -> {
			ResponseEntity<byte[]> answer = StatusAnswer
				.submitted((latest != null) ? latest : status, wait, outcome.replayed())
				.toResponseEntity();
			HttpHeaders headers = HttpHeaders.copyOf(answer.getHeaders());
			outcome.writeRateLimitTo(headers);
			return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
		});
	}

	private Submission validate(HttpServletRequest request, @Nullable String idempotencyKey, Client client)
			throws IOException {
		try {
			checkIdempotencyKey(idempotencyKey);
			return this.parser.parse(readBounded(request.getInputStream(), request.getContentLengthLong()));
		}
		catch (InvalidSubmissionException ex) {
			this.metrics.rejected(client, ex.reason(), ex.query());
			throw ex;
		}
	}

	private void checkScope(Client client, Submission submission) {
		try {
			client.checkMayRun(submission.query().name());
		}
		catch (QueryNotAllowedException ex) {
			this.metrics.rejected(client, Rejection.FORBIDDEN, submission.query().name());
			throw ex;
		}
	}

	private Outcome enqueue(Client client, Submission submission, @Nullable String idempotencyKey) {
		try {
			if (idempotencyKey != null) {
				return submitOnce(client, idempotencyKey, submission);
			}
			String id = this.ids.next();
			return queue(client, id, false, submission, takeQuota(client, id, submission));
		}
		catch (KafkaUnavailableException ex) {
			this.metrics.rejected(client, Rejection.KAFKA_UNAVAILABLE, submission.query().name());
			throw ex;
		}
	}

	/**
	 * Queue a submission under the id its key gives, unless that id exists.
	 *
	 * <p>
	 * A key this replica has not seen, the usual case, is held to the client's quota
	 * before the read barrier: a client over its quota is refused without a round trip to
	 * Kafka, so a flood of refused submissions costs the ingress almost nothing and does
	 * not slow other clients' barriers. Should the barrier find the id after all (another
	 * replica accepted it a moment ago), the permit is given back, as for any replay.
	 */
	private Outcome submitOnce(Client client, String idempotencyKey, Submission submission) {
		String id = client.isOpen() ? QueryIds.forIdempotencyKey(idempotencyKey)
				: QueryIds.forIdempotencyKey(client.name(), idempotencyKey);
		Lock lock = this.idempotencyLocks[Math.floorMod(id.hashCode(), this.idempotencyLocks.length)];
		lock.lock();
		try {
			Optional<EncodedStatus> known = this.statuses.current(id);
			if (known.isPresent() && known.get().state() != QueryState.QUEUED) {
				return replay(known.get(), submission);
			}
			// Not known here yet, or QUEUED, which may have been withdrawn since (see
			// Submitter): only the topic can tell.
			ClientQuotas.Permit permit = known.isEmpty() ? takeQuota(client, id, submission) : null;
			Optional<EncodedStatus> existing;
			try {
				existing = this.statuses.lookupUpToDate(id);
			}
			catch (RuntimeException ex) {
				release(permit);
				throw ex;
			}
			if (existing.isPresent()) {
				release(permit);
				return replay(existing.get(), submission);
			}
			return queue(client, id, true, submission, (permit != null) ? permit : takeQuota(client, id, submission));
		}
		finally {
			lock.unlock();
		}
	}

	/** A replay takes no quota: the query it answers with took its own. */
	private static Outcome replay(EncodedStatus existing, Submission submission) {
		if (!existing.head().query().equals(submission.query().name())) {
			throw new IdempotencyConflictException(existing.head(), submission.query().name());
		}
		return new Outcome(existing, true, null);
	}

	private static void release(ClientQuotas.@Nullable Permit permit) {
		if (permit != null) {
			permit.release();
		}
	}

	/**
	 * Queue a new query once admission control lets it in; a query that is not queued
	 * gives its quota back.
	 * @param permit the quota the client took for it
	 */
	private Outcome queue(Client client, String id, boolean idempotent, Submission submission,
			ClientQuotas.Permit permit) {
		try {
			Duration expectedWait = admit(client, submission, idempotent ? id : null);
			EncodedStatus status = this.submitter.submit(id, client.name(), submission, expectedWait);
			this.metrics.accepted(client, submission.query().name());
			return new Outcome(status, false, permit);
		}
		catch (RuntimeException ex) {
			permit.release();
			throw ex;
		}
	}

	private ClientQuotas.Permit takeQuota(Client client, String id, Submission submission) {
		try {
			return this.quotas.admit(client, id);
		}
		catch (QuotaExceededException ex) {
			this.metrics.rejected(client, Rejection.of(ex), submission.query().name());
			throw ex;
		}
	}

	private @Nullable Duration admit(Client client, Submission submission, @Nullable String id) {
		try {
			return this.admission.admit(submission, id);
		}
		catch (QueueFullException ex) {
			this.metrics.rejected(client, Rejection.QUEUE_FULL, submission.query().name());
			throw ex;
		}
	}

	/**
	 * Read the body, at most {@code max-body-size} of it. A body of declared length is
	 * read into one array of that length (the server ends the stream there); one without
	 * (chunked) in steps, up to one byte past the bound.
	 */
	private byte[] readBounded(InputStream body, long contentLength) throws IOException {
		long max = this.properties.maxBodySize().toBytes();
		long limit = (contentLength >= 0 && contentLength <= max) ? contentLength : max + 1;
		byte[] bytes = body.readNBytes((int) limit);
		if (bytes.length > max) {
			throw new InvalidSubmissionException(
					List.of(new FieldError("body",
							"is larger than " + this.properties.maxBodySize() + " (sluice.ingress.max-body-size)")),
					Rejection.TOO_LARGE, SubmissionParser.UNKNOWN);
		}
		return bytes;
	}

	private static void checkIdempotencyKey(@Nullable String key) {
		if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
			throw new InvalidSubmissionException(
					List.of(new FieldError("Idempotency-Key",
							"must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, not blank")),
					Rejection.INVALID, SubmissionParser.UNKNOWN);
		}
	}

	/**
	 * @param permit the quota the query took; {@code null} for a replay, which took none
	 */
	private record Outcome(EncodedStatus status, boolean replayed, ClientQuotas.@Nullable Permit permit) {

		void writeRateLimitTo(HttpHeaders headers) {
			if (this.permit != null) {
				this.permit.writeTo(headers);
			}
		}

	}

}
