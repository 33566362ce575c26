package dev.sluice.ingress.clients;

import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A {@code /v1} request without a key, or with one that names no client: {@code 401} with
 * {@code WWW-Authenticate: Bearer} (RFC 6750), {@code error="invalid_token"} when a key
 * was sent. The detail never quotes the key.
 */
final class UnauthorizedException extends ApiProblem {

	private final boolean keySent;

	private UnauthorizedException(boolean keySent, String detail) {
		super(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
		this.keySent = keySent;
	}

	static UnauthorizedException missingKey() {
		return new UnauthorizedException(false,
				"Send an API key as 'Authorization: Bearer <key>'; ask the operator of this Sluice for one");
	}

	static UnauthorizedException unknownKey() {
		return new UnauthorizedException(true,
				"The API key sent names no client: it is mistyped, or it was revoked; ask the operator for a valid one");
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE,
				this.keySent ? "Bearer realm=\"sluice\", error=\"invalid_token\"" : "Bearer realm=\"sluice\"");
		return headers;
	}

}
