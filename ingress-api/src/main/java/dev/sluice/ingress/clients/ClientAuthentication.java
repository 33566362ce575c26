package dev.sluice.ingress.clients;

import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Tells who calls each {@code /v1} request from its {@code Authorization: Bearer} key,
 * and refuses it ({@link UnauthorizedException}, {@code 401}) when the key is missing or
 * names no client. The {@link Client} is kept on the request for the handlers, which
 * declare it as a parameter ({@link ClientArgumentResolver}).
 * <p>
 * Runs inside the dispatcher, so its refusals are problem documents like every other
 * error.
 */
final class ClientAuthentication implements HandlerInterceptor {

	static final String ATTRIBUTE = Client.class.getName();

	private static final String BEARER = "bearer ";

	private static final String SUBMISSIONS = "/v1/queries";

	private final Supplier<ClientKeys> keys;

	private final ClientMetrics metrics;

	/**
	 * @param keys the keys in force, re-read on every request so that a reload applies at
	 * once
	 * @param metrics where a refused submission is counted
	 */
	ClientAuthentication(Supplier<ClientKeys> keys, ClientMetrics metrics) {
		this.keys = keys;
		this.metrics = metrics;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
			countIfSubmission(request);
			throw UnauthorizedException.missingKey();
		}
		Client client = this.keys.get().authenticate(authorization.substring(BEARER.length()).strip());
		if (client == null) {
			countIfSubmission(request);
			throw UnauthorizedException.unknownKey();
		}
		request.setAttribute(ATTRIBUTE, client);
		return true;
	}

	private void countIfSubmission(HttpServletRequest request) {
		if (HttpMethod.POST.matches(request.getMethod()) && SUBMISSIONS.equals(request.getRequestURI())) {
			this.metrics.countUnauthorized();
		}
	}

}
