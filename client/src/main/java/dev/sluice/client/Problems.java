package dev.sluice.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an error answer into a {@link SluiceProblemException}: its RFC 9457 problem
 * document when it has one, else only its status.
 */
final class Problems {

	private Problems() {
	}

	/**
	 * The exception for an error answer.
	 * @param status the HTTP status
	 * @param contentType the answer's {@code Content-Type}, if any
	 * @param body the answer's body
	 * @param serverWait the wait the server asked for, if any
	 * @param context what was being done, and how it ended, for the message
	 * @return the exception
	 */
	static SluiceProblemException from(int status, @Nullable String contentType, byte[] body,
			@Nullable Duration serverWait, String context) {
		JsonNode document = document(contentType, body);
		if (document == null) {
			return new SluiceProblemException(status, SluiceProblemException.ABOUT_BLANK, "HTTP " + status, null, null,
					List.of(), serverWait, context);
		}
		URI type = uri(text(document, "type"));
		String title = text(document, "title");
		return new SluiceProblemException(status, (type != null) ? type : SluiceProblemException.ABOUT_BLANK,
				(title != null) ? title : "HTTP " + status, text(document, "detail"), uri(text(document, "instance")),
				fieldErrors(document.path("errors")), serverWait, context);
	}

	private static @Nullable JsonNode document(@Nullable String contentType, byte[] body) {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
			return null;
		}
		try {
			JsonNode document = Json.MAPPER.readTree(body);
			return (document != null && document.isObject()) ? document : null;
		}
		catch (JacksonException ex) {
			// Not a problem document after all (a proxy's page, a cut body): the status
			// alone is the problem.
			return null;
		}
	}

	private static List<FieldError> fieldErrors(JsonNode errors) {
		List<FieldError> fieldErrors = new ArrayList<>();
		if (!errors.isArray()) {
			return fieldErrors;
		}
		for (JsonNode error : errors) {
			String field = text(error, "field");
			String message = text(error, "message");
			if (field != null) {
				fieldErrors.add(new FieldError(field, (message != null) ? message : ""));
			}
		}
		return fieldErrors;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static @Nullable URI uri(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return new URI(text);
		}
		catch (URISyntaxException ex) {
			// A member that is not a URI reference is ignored, as RFC 9457 asks.
			return null;
		}
	}

}
