package dev.sluice.catalog;

/**
 * A catalog that cannot be used: unreadable, not YAML, or with a query that is wrong. The
 * message names the source, the query and the field, e.g. {@code catalog
 * demo.yml: query 'customer_orders': params.limit.type: 'integr' is not one of int,
 * long, ...}.
 */
public class CatalogException extends RuntimeException {

	public CatalogException(String message) {
		super(message);
	}

	public CatalogException(String message, Throwable cause) {
		super(message, cause);
	}

}
