package dev.sluice.ingress.query;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.sluice.ingress.clients.Client;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.ingress.IngressProperties;
import dev.sluice.ingress.view.QueryStatuses;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/queries/{id}}: the status of a submitted query, at once or, with
 * {@code Prefer: wait=N}, once it ends (a long-poll).
 *
 * <p>
 * An answer that is ready is written at once, on the request thread: returning
 * {@code null} after writing the response tells Spring MVC that the request is handled,
 * so it does not pay for an asynchronous dispatch. A long-poll holds no thread: it
 * returns a {@link CompletableFuture} that is completed when the terminal status arrives,
 * or when the wait is over.
 */
@RestController
@RequestMapping("/v1/queries")
class StatusController {

	private final QueryStatuses statuses;

	private final QueryLookup lookup;

	private final Duration maxWait;

	StatusController(QueryStatuses statuses, QueryLookup lookup, IngressProperties properties) {
		this.statuses = statuses;
		this.lookup = lookup;
		this.maxWait = properties.maxWait();
	}

	/**
	 * @return {@code null} once the answer is written, or the answer to come after a wait
	 */
	@GetMapping("/{id}")
	@Nullable CompletableFuture<ResponseEntity<byte[]>> status(@PathVariable String id,
			@RequestHeader(name = "Prefer", required = false) @Nullable List<String> prefer, Client client,
			HttpServletResponse response) throws IOException {
		EncodedStatus status = this.lookup.find(id, client);
		Duration wait = PreferWait.applied(prefer, this.maxWait);
		if (wait == null || status.state().isTerminal()) {
			StatusAnswer.current(status, wait).writeTo(response);
			return null;
		}
		return this.statuses.whenTerminal(id, wait)
			.thenApply((latest) -> StatusAnswer.current((latest != null) ? latest : status, wait).toResponseEntity());
	}

}
