package dev.sluice.ingress.clients;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a handler that declares a {@link Client} parameter the caller that
 * {@link ClientAuthentication} found, or {@link Client#OPEN} on an open ingress. With
 * keys required, a request that reached a handler without a client is refused, never
 * served as {@code open}.
 */
final class ClientArgumentResolver implements HandlerMethodArgumentResolver {

	private final boolean open;

	/**
	 * @param open whether the ingress runs with {@code sluice.security.mode=open}
	 */
	ClientArgumentResolver(boolean open) {
		this.open = open;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Client.class;
	}

	@Override
	public Client resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer container,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
		if (this.open) {
			return Client.OPEN;
		}
		if (request.getAttribute(ClientAuthentication.ATTRIBUTE,
				RequestAttributes.SCOPE_REQUEST) instanceof Client known) {
			return known;
		}
		throw UnauthorizedException.missingKey();
	}

}
