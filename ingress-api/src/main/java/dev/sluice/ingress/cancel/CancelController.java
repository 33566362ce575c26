package dev.sluice.ingress.cancel;

import dev.sluice.ingress.clients.Client;
import dev.sluice.ingress.query.QueryLookup;
import dev.sluice.ingress.query.StatusAnswer;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /v1/queries/{id}}: requests the cancellation of a query and answers
 * {@code 202} with its status as it is after the request ({@code CANCELED} at once for a
 * query still queued), or {@code 409} if it has already ended.
 */
@RestController
@RequestMapping("/v1/queries")
class CancelController {

	private final QueryLookup lookup;

	private final QueryCanceller canceller;

	CancelController(QueryLookup lookup, QueryCanceller canceller) {
		this.lookup = lookup;
		this.canceller = canceller;
	}

	@DeleteMapping("/{id}")
	ResponseEntity<byte[]> cancel(@PathVariable String id, Client client) {
		return StatusAnswer.cancelRequested(this.canceller.cancel(this.lookup.find(id, client))).toResponseEntity();
	}

}
