package dev.sluice.ingress.view;

/**
 * A listener registration on the status of one query; close it when done.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

	@Override
	void close();

}
