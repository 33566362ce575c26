package dev.sluice.ingress.clients;

import org.jspecify.annotations.Nullable;

/**
 * The clients the keys file names now, looked up by name: for a feature that meets a
 * client's name on a query another replica accepted.
 */
@FunctionalInterface
public interface ClientDirectory {

	/**
	 * @param name a client's name, as on a query's status
	 * @return the client of that name in the keys file now ({@link Client#OPEN} on an
	 * open ingress), or {@code null} if there is none
	 */
	@Nullable Client named(String name);

}
