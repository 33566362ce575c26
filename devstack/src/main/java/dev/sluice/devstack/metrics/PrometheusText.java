package dev.sluice.devstack.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format, as served on
 * {@code /actuator/prometheus}:
 *
 * <pre>{@code
 * # TYPE sluice_db_queries_total counter
 * sluice_db_queries_total{query="customer_by_id"} 12.0 1700000000000
 * }</pre>
 *
 * A sample line is a metric name, optional labels in braces, a value ({@code NaN},
 * {@code +Inf} and {@code -Inf} included) and an optional timestamp, separated by blanks
 * or tabs. Label values may hold any character, with {@code \\}, {@code \"} and
 * {@code \n} escaped. The timestamp, and an OpenMetrics exemplar after {@code #}, are
 * read past and dropped. Comments ({@code # HELP}, {@code # TYPE} included), blank lines
 * and lines that do not follow the format are skipped.
 */
public final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * Read every sample of a scrape.
	 * @param text an endpoint's answer
	 * @return its samples, in the order given
	 */
	public static List<Sample> parse(String text) {
		List<Sample> samples = new ArrayList<>();
		text.lines().forEach((line) -> {
			Sample sample = new Line(line).sample();
			if (sample != null) {
				samples.add(sample);
			}
		});
		return samples;
	}

	/**
	 * One sample line.
	 *
	 * @param name the metric name, e.g. {@code sluice_db_queries_total}
	 * @param labels its labels in the order given, unescaped
	 * @param value its value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {

		/**
		 * @param label a label name
		 * @param expected a value
		 * @return whether the sample has that label with that value
		 */
		public boolean has(String label, String expected) {
			return expected.equals(this.labels.get(label));
		}

	}

	/**
	 * One line, read left to right: {@link #sample()} is {@code null} for a comment, a
	 * blank line or a line that breaks the format.
	 */
	private static final class Line {

		private final String text;

		private int at;

		Line(String text) {
			this.text = text;
		}

		Sample sample() {
			skipBlanks();
			if (atEnd() || peek() == '#') {
				return null;
			}
			String name = name(true);
			if (name == null) {
				return null;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			boolean braces = !atEnd() && peek() == '{';
			if (braces && !labels(labels)) {
				return null;
			}
			if (!skipBlanks() && !braces) {
				return null;
			}
			Double value = number(token());
			if (value == null) {
				return null;
			}
			if (skipBlanks() && !atEnd() && peek() != '#') {
				Double timestamp = number(token());
				if (timestamp == null || timestamp.isNaN() || timestamp.isInfinite()) {
					return null;
				}
				skipBlanks();
			}
			return (atEnd() || peek() == '#') ? new Sample(name, Collections.unmodifiableMap(labels), value) : null;
		}

		/** Reads {@code {a="x",b="y"}}, a trailing comma allowed; false if malformed. */
		private boolean labels(Map<String, String> labels) {
			this.at++;
			while (true) {
				skipBlanks();
				if (atEnd()) {
					return false;
				}
				if (peek() == '}') {
					this.at++;
					return true;
				}
				String label = name(false);
				skipBlanks();
				if (label == null || atEnd() || this.text.charAt(this.at++) != '=') {
					return false;
				}
				skipBlanks();
				String value = quoted();
				if (value == null) {
					return false;
				}
				labels.put(label, value);
				skipBlanks();
				if (!atEnd() && peek() == ',') {
					this.at++;
				}
				else if (atEnd() || peek() != '}') {
					return false;
				}
			}
		}

		private String quoted() {
			if (atEnd() || peek() != '"') {
				return null;
			}
			StringBuilder value = new StringBuilder();
			for (this.at++; this.at < this.text.length(); this.at++) {
				char c = this.text.charAt(this.at);
				if (c == '"') {
					this.at++;
					return value.toString();
				}
				if (c == '\\' && this.at + 1 < this.text.length()) {
					char escaped = this.text.charAt(++this.at);
					value.append((escaped == 'n') ? '\n' : escaped);
				}
				else {
					value.append(c);
				}
			}
			return null;
		}

		/**
		 * A metric name may hold colons, a label name not; neither starts with a digit.
		 */
		private String name(boolean metric) {
			int start = this.at;
			while (!atEnd()) {
				char c = peek();
				boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':');
				if (!letter && !(c >= '0' && c <= '9' && this.at > start)) {
					break;
				}
				this.at++;
			}
			return (this.at > start) ? this.text.substring(start, this.at) : null;
		}

		private String token() {
			int start = this.at;
			while (!atEnd() && !isBlank(peek())) {
				this.at++;
			}
			return this.text.substring(start, this.at);
		}

		private static Double number(String token) {
			switch (token) {
				case "NaN":
					return Double.NaN;
				case "+Inf", "Inf":
					return Double.POSITIVE_INFINITY;
				case "-Inf":
					return Double.NEGATIVE_INFINITY;
				default:
					// Java would also read "1d", "1f" and "Infinity", which the format
					// does not write.
					char last = token.isEmpty() ? ' ' : token.charAt(token.length() - 1);
					if (!Character.isDigit(last) && last != '.') {
						return null;
					}
					try {
						return Double.parseDouble(token);
					}
					catch (NumberFormatException ex) {
						return null;
					}
			}
		}

		/** Skips blanks and tabs; {@code true} if there was at least one. */
		private boolean skipBlanks() {
			int start = this.at;
			while (!atEnd() && isBlank(peek())) {
				this.at++;
			}
			return this.at > start;
		}

		private static boolean isBlank(char c) {
			return c == ' ' || c == '\t';
		}

		private char peek() {
			return this.text.charAt(this.at);
		}

		private boolean atEnd() {
			return this.at >= this.text.length();
		}

	}

}
