package dev.sluice.ingress.status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.sluice.contract.QueryStatus;
import dev.sluice.ingress.IngressProperties;
import dev.sluice.ingress.QueryIds;
import dev.sluice.ingress.results.QueryStatuses;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status of a submitted query: read ({@code GET}, optionally long-polling with
 * {@code Prefer: wait=N}) and cancel ({@code DELETE}).
 *
 * <p>
 * A long-poll holds no thread: it returns a {@link CompletableFuture} that the
 * materializer completes when the terminal status arrives, or a timer when the wait is
 * over.
 */
@RestController
@RequestMapping("/v1/queries")
class StatusController {

	private final QueryStatuses statuses;

	private final QueryCanceller canceller;

	private final Duration maxWait;

	StatusController(QueryStatuses statuses, QueryCanceller canceller, IngressProperties properties) {
		this.statuses = statuses;
		this.canceller = canceller;
		this.maxWait = properties.maxWait();
	}

	@GetMapping("/{id}")
	CompletableFuture<ResponseEntity<QueryStatus>> status(@PathVariable String id,
			@RequestHeader(name = "Prefer", required = false) List<String> prefer) {
		QueryStatus status = find(this.statuses, id);
		Duration wait = PreferWait.applied(prefer, this.maxWait);
		if (wait == null || status.state().isTerminal()) {
			return CompletableFuture.completedFuture(StatusResponses.current(status, wait));
		}
		return this.statuses.whenTerminal(id, wait)
			.thenApply((latest) -> StatusResponses.current((latest != null) ? latest : status, wait));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<QueryStatus> cancel(@PathVariable String id) {
		return StatusResponses.cancelRequested(this.canceller.cancel(find(this.statuses, id)));
	}

	/**
	 * The status of a query, through the read barrier.
	 * @throws QueryNotFoundException if there is none
	 */
	static QueryStatus find(QueryStatuses statuses, String id) {
		if (!QueryIds.isWellFormed(id)) {
			throw new QueryNotFoundException(id);
		}
		return statuses.lookup(id).orElseThrow(() -> new QueryNotFoundException(id));
	}

}
