package dev.sluice.ingress.clients;

import java.util.List;
import java.util.stream.Collectors;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts {@link ClientAuthentication} in front of every {@code /v1} handler and lets
 * handlers declare a {@link Client} parameter; on an open ingress, only the latter.
 */
final class ClientsWebConfigurer implements WebMvcConfigurer, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClientsWebConfigurer.class);

	private final @Nullable ClientKeysFile keys;

	private final ClientMetrics metrics;

	private ClientsWebConfigurer(@Nullable ClientKeysFile keys, ClientMetrics metrics) {
		this.keys = keys;
		this.metrics = metrics;
	}

	/**
	 * @param properties the mode and the keys file
	 * @param catalog the catalog, whose queries a client may be scoped to
	 * @param metrics where refused submissions are counted
	 * @return the configurer; with {@code mode: keys}, the keys file is read (or the
	 * start-up stops, naming what is wrong) and watched from now on
	 */
	static ClientsWebConfigurer of(SecurityProperties properties, Catalog catalog, ClientMetrics metrics) {
		if (properties.mode() == SecurityProperties.Mode.OPEN) {
			logger.warn("sluice.security.mode=open: anyone who reaches this ingress may run every catalog query; "
					+ "set sluice.security.mode=keys and sluice.security.keys to require API keys");
			return new ClientsWebConfigurer(null, metrics);
		}
		return new ClientsWebConfigurer(new ClientKeysFile(properties.requiredKeys(),
				catalog.queries().stream().map(CatalogQuery::name).collect(Collectors.toUnmodifiableSet()),
				properties.quota().toQuota())
			.watch(), metrics);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		ClientKeysFile file = this.keys;
		if (file != null) {
			registry.addInterceptor(new ClientAuthentication(file::keys, this.metrics)).addPathPatterns("/v1/**");
		}
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ClientArgumentResolver(this.keys == null));
	}

	/**
	 * @return the clients of the keys file in force, by name; on an open ingress, only
	 * {@link Client#OPEN}
	 */
	ClientDirectory directory() {
		ClientKeysFile file = this.keys;
		if (file == null) {
			return (name) -> name.equals(Client.OPEN.name()) ? Client.OPEN : null;
		}
		return (name) -> file.keys().named(name);
	}

	@Override
	public void close() {
		if (this.keys != null) {
			this.keys.close();
		}
	}

}
