package dev.sluice.devstack.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the demo SQL files into statements, so that the loader can time and report each
 * one. The rule, stated at the top of every demo file: a statement ends with {@code ;} at
 * the end of a line. Lines holding only a comment between statements are dropped; a
 * {@code ;} inside a line (as in a one-line {@code do $$ ... $$;} block) does not end a
 * statement.
 */
final class SqlScript {

	private SqlScript() {
	}

	static List<String> statements(String script) {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : script.split("\r?\n")) {
			String trimmed = line.strip();
			if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
				continue;
			}
			current.append(line).append('\n');
			if (trimmed.endsWith(";")) {
				statements.add(current.toString().strip());
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			throw new IllegalArgumentException(
					"SQL script ends inside a statement (a statement must end with ';' at the end of a line): "
							+ summary(current.toString()));
		}
		return statements;
	}

	/**
	 * The first line of a statement, shortened, for progress messages.
	 * @param statement the statement
	 * @return at most 70 characters
	 */
	static String summary(String statement) {
		String first = statement.strip().lines().findFirst().orElse("");
		return (first.length() <= 70) ? first : first.substring(0, 67) + "...";
	}

}
