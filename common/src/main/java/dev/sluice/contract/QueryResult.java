package dev.sluice.contract;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Rows of a succeeded query, already mapped to JSON values: integers and floats as
 * numbers, {@code numeric} as an exact string, dates as {@code "2026-11-22"}, timestamps
 * as ISO-8601 UTC strings, uuids as strings, SQL NULL as {@code null}.
 *
 * @param columns the columns, in select-list order
 * @param rows one list of values per row, in column order
 * @param rowCount the number of rows in {@code rows}
 * @param truncated {@code true} if the query produced more than the catalog's
 * {@code maxRows} and the rest was dropped
 */
public record QueryResult(List<Column> columns, List<List<@Nullable Object>> rows, int rowCount, boolean truncated) {

	public QueryResult {
		columns = List.copyOf(columns);
		rows = List.copyOf(rows);
	}

}
