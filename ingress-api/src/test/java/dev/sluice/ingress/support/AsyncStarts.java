package dev.sluice.ingress.support;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records which requests went asynchronous, by the value of their {@link #HEADER}: a
 * request answered on its own thread never starts async processing, one answered later
 * does (and is dispatched again). Add it to an ingress with
 * {@code RunningIngress.start(..., AsyncStarts.class)}.
 */
@Configuration(proxyBeanMethods = false)
public class AsyncStarts {

	/** The request header whose value names a request for {@link #started}. */
	public static final String HEADER = "X-Test-Request";

	private static final Set<String> started = ConcurrentHashMap.newKeySet();

	/**
	 * Whether the request carrying this {@link #HEADER} value started async processing.
	 * @param request the header value
	 * @return {@code true} if it did
	 */
	public static boolean started(String request) {
		return started.contains(request);
	}

	@Bean
	OncePerRequestFilter asyncStartsFilter() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				chain.doFilter(request, response);
				String name = request.getHeader(HEADER);
				if (name != null && request.isAsyncStarted()) {
					started.add(name);
				}
			}

		};
	}

}
