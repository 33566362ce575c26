package dev.sluice.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events from a {@code text/event-stream} body, as the HTML
 * specification's event stream interpretation does: {@code event}, {@code id} and
 * {@code data} fields (several {@code data} lines joined by line breaks), comments
 * ignored, an event dispatched at a blank line and only if it has data.
 */
final class EventStreamReader implements AutoCloseable {

	private final BufferedReader lines;

	private boolean first = true;

	EventStreamReader(InputStream body) {
		this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
	}

	/**
	 * The next event; blocks until it has come whole.
	 * @return the event, or {@code null} at the end of the stream (an event cut short by
	 * the end is dropped, as the specification asks)
	 * @throws IOException if reading fails
	 */
	@Nullable Event next() throws IOException {
		String name = null;
		String id = null;
		StringBuilder data = null;
		String line;
		while ((line = this.lines.readLine()) != null) {
			if (this.first) {
				this.first = false;
				if (line.startsWith("\uFEFF")) {
					line = line.substring(1);
				}
			}
			if (line.isEmpty()) {
				if (data != null) {
					return new Event((name != null) ? name : "message", id, data.toString());
				}
				name = null;
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon < 0) ? line : line.substring(0, colon);
			String value = (colon < 0) ? "" : line.substring(colon + 1);
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			switch (field) {
				case "event" -> name = value;
				case "id" -> id = value.contains("\0") ? id : value;
				case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
				default -> {
					// "retry" and unknown fields: reconnection is paced by the retry
					// policy.
				}
			}
		}
		return null;
	}

	@Override
	public void close() throws IOException {
		this.lines.close();
	}

	/**
	 * One event.
	 *
	 * @param name its type, {@code message} when the stream named none
	 * @param id its id, or {@code null}
	 * @param data its data
	 */
	record Event(String name, @Nullable String id, String data) {
	}

}
