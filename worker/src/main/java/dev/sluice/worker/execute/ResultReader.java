package dev.sluice.worker.execute;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.contract.Column;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Reads a result set into JSON-ready values, by PostgreSQL type name:
 * <ul>
 * <li>{@code int2}, {@code int4}, {@code int8}, {@code float4}, {@code float8} → numbers
 * ({@code NaN} and infinities, which JSON has no number for, → strings);
 * <li>{@code numeric} → exact string ({@code BigDecimal.toPlainString()}), because a JSON
 * number would be read back as a binary double by most clients;
 * <li>{@code text}, {@code varchar}, {@code bpchar}, {@code name}, {@code uuid} →
 * strings; {@code bool} → booleans;
 * <li>{@code date} → {@code "2026-11-22"}; {@code timestamp} (taken as UTC) and
 * {@code timestamptz} → ISO-8601 UTC strings such as {@code "2026-11-22T10:00:00Z"};
 * {@code infinity} stays a string;
 * <li>{@code json}, {@code jsonb} → the parsed JSON value, so clients get a structure
 * rather than a JSON document escaped inside a string (a JSON {@code null} therefore
 * reads like SQL NULL);
 * <li>any other type → its text form ({@code getString}); SQL NULL → {@code null}.
 * </ul>
 */
final class ResultReader {

	private ResultReader() {
	}

	/**
	 * Read at most {@code maxRows} rows.
	 * @param rows the result set, positioned before the first row; the statement should
	 * have {@code setMaxRows(maxRows + 1)} so that the extra row shows truncation
	 * @param maxRows the most rows to keep
	 * @return the result; {@code truncated} if a row beyond {@code maxRows} exists
	 * @throws SQLException if reading fails
	 */
	static QueryResult read(ResultSet rows, int maxRows) throws SQLException {
		ResultSetMetaData metaData = rows.getMetaData();
		int count = metaData.getColumnCount();
		List<Column> columns = new ArrayList<>(count);
		String[] types = new String[count];
		for (int i = 0; i < count; i++) {
			types[i] = metaData.getColumnTypeName(i + 1);
			columns.add(new Column(metaData.getColumnLabel(i + 1), types[i]));
		}
		List<List<@Nullable Object>> values = new ArrayList<>();
		boolean truncated = false;
		while (rows.next()) {
			if (values.size() == maxRows) {
				truncated = true;
				break;
			}
			List<@Nullable Object> row = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				row.add(value(rows, i + 1, types[i]));
			}
			values.add(row);
		}
		return new QueryResult(columns, values, values.size(), truncated);
	}

	/**
	 * One value in its JSON form.
	 * @param rows the result set on the current row
	 * @param column the 1-based column index
	 * @param type the PostgreSQL type name of the column
	 * @return the value, {@code null} for SQL NULL
	 * @throws SQLException if reading fails
	 */
	static @Nullable Object value(ResultSet rows, int column, String type) throws SQLException {
		Object value = switch (type) {
			case "int2", "int4" -> rows.getInt(column);
			case "int8" -> rows.getLong(column);
			case "float4" -> finiteOrText(rows.getFloat(column));
			case "float8" -> finiteOrText(rows.getDouble(column));
			case "bool" -> rows.getBoolean(column);
			case "numeric" -> numeric(rows.getString(column));
			case "date" -> temporal(rows, column, LocalDate.class);
			case "timestamp" -> temporal(rows, column, LocalDateTime.class);
			case "timestamptz" -> temporal(rows, column, OffsetDateTime.class);
			case "json", "jsonb" -> json(rows.getString(column));
			default -> rows.getString(column);
		};
		return rows.wasNull() ? null : value;
	}

	private static Object finiteOrText(double number) {
		return Double.isFinite(number) ? number : Double.toString(number);
	}

	private static Object finiteOrText(float number) {
		return Float.isFinite(number) ? number : Float.toString(number);
	}

	private static @Nullable String numeric(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return new BigDecimal(text).toPlainString();
		}
		catch (NumberFormatException ex) {
			// NaN and ±Infinity have no BigDecimal form; PostgreSQL's text is exact.
			return text;
		}
	}

	private static @Nullable String temporal(ResultSet rows, int column, Class<?> type) throws SQLException {
		String text = rows.getString(column);
		if (text == null || text.endsWith("infinity")) {
			return text;
		}
		Object value = rows.getObject(column, type);
		return switch (value) {
			case LocalDate date -> date.toString();
			case LocalDateTime dateTime -> dateTime.toInstant(ZoneOffset.UTC).toString();
			case OffsetDateTime dateTime -> dateTime.toInstant().toString();
			default -> text;
		};
	}

	private static @Nullable Object json(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return JsonCodec.MAPPER.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			// PostgreSQL validated the document; should this parser disagree, the text
			// is still the value.
			return text;
		}
	}

}
