package dev.sluice.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Catalog SQL with {@code :name} parameters, rewritten to JDBC {@code ?} placeholders.
 * Nothing from a request is ever spliced into the SQL text: values only travel as bind
 * parameters.
 * <p>
 * Not parameters: {@code ::type} casts, and anything inside string literals
 * ({@code 'a:b'}, {@code E'a\':b'}), dollar-quoted strings ({@code $$a:b$$},
 * {@code $tag$...$tag$}), quoted identifiers ({@code "a:b"}) and comments ({@code -- :x},
 * {@code /* :x *&#47;}, nested).
 *
 * <pre>{@code
 * SqlTemplate sql = SqlTemplate.parse("select * from t where id = :id and d > now() - '1 day'::interval");
 * sql.jdbcSql();        // select * from t where id = ? and d > now() - '1 day'::interval
 * sql.parameterOrder(); // [id]
 * }</pre>
 *
 * @param sql the SQL as written in the catalog
 * @param jdbcSql the SQL with each parameter replaced by {@code ?}
 * @param parameterOrder the parameter name of each {@code ?}, in order; a name used twice
 * appears twice
 */
public record SqlTemplate(String sql, String jdbcSql, List<String> parameterOrder) {

	public SqlTemplate {
		parameterOrder = List.copyOf(parameterOrder);
	}

	public static SqlTemplate parse(String sql) {
		StringBuilder jdbc = new StringBuilder(sql.length());
		List<String> names = new ArrayList<>();
		int i = 0;
		int n = sql.length();
		while (i < n) {
			char c = sql.charAt(i);
			int end;
			if (c == '\'') {
				boolean backslashEscapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
						&& (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
				end = endOfQuoted(sql, i, '\'', backslashEscapes);
			}
			else if (c == '"') {
				end = endOfQuoted(sql, i, '"', false);
			}
			else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
				end = endOfLine(sql, i);
			}
			else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
				end = endOfBlockComment(sql, i);
			}
			else if (c == '$' && (i == 0 || !isIdentifierPart(sql.charAt(i - 1)))) {
				end = endOfDollarQuoted(sql, i);
			}
			else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
				end = i + 2;
			}
			else if (c == ':' && i + 1 < n && isIdentifierStart(sql.charAt(i + 1))) {
				int nameEnd = i + 1;
				while (nameEnd < n && isIdentifierPart(sql.charAt(nameEnd))) {
					nameEnd++;
				}
				names.add(sql.substring(i + 1, nameEnd));
				jdbc.append('?');
				i = nameEnd;
				continue;
			}
			else {
				end = i + 1;
			}
			jdbc.append(sql, i, end);
			i = end;
		}
		return new SqlTemplate(sql, jdbc.toString(), names);
	}

	private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
		int i = start + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i);
			if (backslashEscapes && c == '\\') {
				i += 2;
				continue;
			}
			if (c == quote) {
				if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
					i += 2;
					continue;
				}
				return i + 1;
			}
			i++;
		}
		return sql.length();
	}

	private static int endOfLine(String sql, int start) {
		int newline = sql.indexOf('\n', start);
		return (newline < 0) ? sql.length() : newline + 1;
	}

	private static int endOfBlockComment(String sql, int start) {
		int depth = 0;
		int i = start;
		while (i + 1 < sql.length()) {
			if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
				depth++;
				i += 2;
			}
			else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
				depth--;
				i += 2;
				if (depth == 0) {
					return i;
				}
			}
			else {
				i++;
			}
		}
		return sql.length();
	}

	private static int endOfDollarQuoted(String sql, int start) {
		int tagEnd = start + 1;
		while (tagEnd < sql.length() && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
			tagEnd++;
		}
		if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$' || Character.isDigit(sql.charAt(start + 1))) {
			// Not a dollar quote ($1 positional parameters and the like): copy the '$'
			// alone.
			return start + 1;
		}
		String tag = sql.substring(start, tagEnd + 1);
		int close = sql.indexOf(tag, tagEnd + 1);
		return (close < 0) ? sql.length() : close + tag.length();
	}

	private static boolean isIdentifierStart(char c) {
		return Character.isLetter(c) || c == '_';
	}

	private static boolean isIdentifierPart(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '$';
	}

}
