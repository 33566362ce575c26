package dev.sluice.devstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format, as served on
 * {@code /actuator/prometheus}: enough of it for the launcher's status line. Comments,
 * blank lines and lines it cannot read are skipped.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	static List<Sample> parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Sample sample = parseLine(line.strip());
			if (sample != null) {
				samples.add(sample);
			}
		}
		return samples;
	}

	private static Sample parseLine(String line) {
		int brace = line.indexOf('{');
		int space = line.indexOf(' ');
		if (space < 0) {
			return null;
		}
		String name;
		Map<String, String> labels = new LinkedHashMap<>();
		String rest;
		if (brace >= 0 && brace < space) {
			name = line.substring(0, brace);
			int end = parseLabels(line, brace + 1, labels);
			if (end < 0) {
				return null;
			}
			rest = line.substring(end + 1).strip();
		}
		else {
			name = line.substring(0, space);
			rest = line.substring(space + 1).strip();
		}
		String value = rest.split("\\s+")[0];
		try {
			return new Sample(name, labels, parseValue(value));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Reads {@code a="x",b="y"} up to the closing brace; returns its index or -1. */
	private static int parseLabels(String line, int start, Map<String, String> labels) {
		int i = start;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == '}') {
				return i;
			}
			if (c == ',' || c == ' ') {
				i++;
				continue;
			}
			int equals = line.indexOf('=', i);
			if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
				return -1;
			}
			String label = line.substring(i, equals).strip();
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			while (j < line.length() && line.charAt(j) != '"') {
				char v = line.charAt(j);
				if (v == '\\' && j + 1 < line.length()) {
					char escaped = line.charAt(++j);
					value.append((escaped == 'n') ? '\n' : escaped);
				}
				else {
					value.append(v);
				}
				j++;
			}
			labels.put(label, value.toString());
			i = j + 1;
		}
		return -1;
	}

	private static double parseValue(String value) {
		return switch (value) {
			case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> Double.parseDouble(value);
		};
	}

	/**
	 * One sample line.
	 *
	 * @param name the metric name, e.g. {@code sluice_db_queries_total}
	 * @param labels its labels in the order given
	 * @param value its value
	 */
	record Sample(String name, Map<String, String> labels, double value) {

		boolean has(String label, String expected) {
			return expected.equals(this.labels.get(label));
		}

	}

}
