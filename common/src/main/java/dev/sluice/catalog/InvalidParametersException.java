package dev.sluice.catalog;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Submitted parameters that do not satisfy the catalog; carries every problem found, not
 * only the first.
 */
public class InvalidParametersException extends RuntimeException {

	private final transient List<FieldError> errors;

	public InvalidParametersException(List<FieldError> errors) {
		super(errors.stream().map((error) -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
