package dev.sluice.client;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a Structured Fields List (RFC 9651) of Items with parameters, as far as the
 * {@code RateLimit} fields need it: bare items that are Integers, Decimals, Strings,
 * Tokens, Byte Sequences or Booleans. Inner Lists are not accepted.
 *
 * <pre>{@code
 * StructuredFieldList.parse("\"burst\";r=0;t=12, \"daily\";r=500");
 * // [Item[name=burst, parameters={r=0, t=12}], Item[name=daily, parameters={r=500}]]
 * }</pre>
 */
final class StructuredFieldList {

	private final String input;

	private int at;

	private StructuredFieldList(String input) {
		this.input = input;
	}

	/**
	 * Parse one field line.
	 * @param input the field value
	 * @return its items, in order; those whose bare item is not a String or Token are
	 * left out
	 * @throws IllegalArgumentException if the line is not a valid List
	 */
	static List<Item> parse(String input) {
		return new StructuredFieldList(input).items();
	}

	private List<Item> items() {
		List<Item> items = new ArrayList<>();
		skip(" \t");
		while (this.at < this.input.length()) {
			Object name = bareItem();
			Map<String, Object> parameters = parameters();
			if (name instanceof String text) {
				items.add(new Item(text, parameters));
			}
			skip(" \t");
			if (this.at == this.input.length()) {
				break;
			}
			expect(',');
			skip(" \t");
			if (this.at == this.input.length()) {
				throw malformed("a trailing comma");
			}
		}
		return items;
	}

	private Map<String, Object> parameters() {
		Map<String, Object> parameters = new HashMap<>();
		while (this.at < this.input.length() && this.input.charAt(this.at) == ';') {
			this.at++;
			skip(" ");
			String key = key();
			Object value = Boolean.TRUE;
			if (this.at < this.input.length() && this.input.charAt(this.at) == '=') {
				this.at++;
				value = bareItem();
			}
			parameters.put(key, value);
		}
		return parameters;
	}

	private String key() {
		int start = this.at;
		if (this.at >= this.input.length() || !isKeyStart(this.input.charAt(this.at))) {
			throw malformed("a parameter without a key");
		}
		while (this.at < this.input.length() && isKeyChar(this.input.charAt(this.at))) {
			this.at++;
		}
		return this.input.substring(start, this.at);
	}

	private Object bareItem() {
		if (this.at >= this.input.length()) {
			throw malformed("a missing item");
		}
		char c = this.input.charAt(this.at);
		if (c == '-' || (c >= '0' && c <= '9')) {
			return number();
		}
		if (c == '"') {
			return string();
		}
		if (c == ':') {
			return byteSequence();
		}
		if (c == '?') {
			return bool();
		}
		if (c == '*' || isAlpha(c)) {
			return token();
		}
		throw malformed("an unexpected '" + c + "'");
	}

	private Object number() {
		int start = this.at;
		if (this.input.charAt(this.at) == '-') {
			this.at++;
		}
		while (this.at < this.input.length()
				&& (Character.isDigit(this.input.charAt(this.at)) || this.input.charAt(this.at) == '.')) {
			this.at++;
		}
		String text = this.input.substring(start, this.at);
		if (text.contains(".")) {
			try {
				return Double.valueOf(text);
			}
			catch (NumberFormatException ex) {
				throw malformed("a bad decimal");
			}
		}
		if (text.length() > 16 || text.equals("-") || text.isEmpty()) {
			throw malformed("a bad integer");
		}
		return Long.valueOf(text);
	}

	private String string() {
		StringBuilder text = new StringBuilder();
		this.at++;
		while (this.at < this.input.length()) {
			char c = this.input.charAt(this.at++);
			if (c == '"') {
				return text.toString();
			}
			if (c == '\\') {
				if (this.at >= this.input.length()) {
					break;
				}
				c = this.input.charAt(this.at++);
				if (c != '"' && c != '\\') {
					throw malformed("a bad escape");
				}
			}
			else if (c < 0x20 || c > 0x7e) {
				throw malformed("a bad character in a string");
			}
			text.append(c);
		}
		throw malformed("an unterminated string");
	}

	private String token() {
		int start = this.at;
		while (this.at < this.input.length() && isTokenChar(this.input.charAt(this.at))) {
			this.at++;
		}
		return this.input.substring(start, this.at);
	}

	private byte[] byteSequence() {
		int end = this.input.indexOf(':', this.at + 1);
		if (end < 0) {
			throw malformed("an unterminated byte sequence");
		}
		String base64 = this.input.substring(this.at + 1, end);
		this.at = end + 1;
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw malformed("a bad byte sequence");
		}
	}

	private Boolean bool() {
		if (this.at + 1 < this.input.length()) {
			char c = this.input.charAt(this.at + 1);
			if (c == '0' || c == '1') {
				this.at += 2;
				return c == '1';
			}
		}
		throw malformed("a bad boolean");
	}

	private void skip(String whitespace) {
		while (this.at < this.input.length() && whitespace.indexOf(this.input.charAt(this.at)) >= 0) {
			this.at++;
		}
	}

	private void expect(char c) {
		if (this.at >= this.input.length() || this.input.charAt(this.at) != c) {
			throw malformed("no '" + c + "' between items");
		}
		this.at++;
	}

	private IllegalArgumentException malformed(String what) {
		return new IllegalArgumentException(what + " at " + this.at + " of '" + this.input + "'");
	}

	private static boolean isAlpha(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isKeyStart(char c) {
		return (c >= 'a' && c <= 'z') || c == '*';
	}

	private static boolean isKeyChar(char c) {
		return isKeyStart(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
	}

	private static boolean isTokenChar(char c) {
		return isAlpha(c) || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~:/".indexOf(c) >= 0;
	}

	/**
	 * One list member: the name (its String or Token) and its parameters, Integers as
	 * {@link Long}, Decimals as {@link Double}, a parameter without value as
	 * {@code true}.
	 *
	 * @param name the bare item
	 * @param parameters the parameters by key
	 */
	record Item(String name, Map<String, Object> parameters) {

		Item {
			parameters = Map.copyOf(parameters);
		}

	}

}
