package dev.sluice.bench.gateway;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.Column;
import dev.sluice.contract.QueryResult;
import org.jspecify.annotations.Nullable;

/** Runs one catalog query on a pooled connection, holding it for the whole request. */
final class QueryRunner {

	private final DataSource pool;

	private final AtomicLong executions = new AtomicLong();

	QueryRunner(DataSource pool) {
		this.pool = pool;
	}

	Outcome run(CatalogQuery query, Map<String, Object> values) {
		Object[] arguments = query.jdbcArguments(values);
		try (Connection connection = this.pool.getConnection();
				PreparedStatement statement = connection.prepareStatement(query.sql().jdbcSql())) {
			statement.setQueryTimeout((int) Math.max(1, query.timeout().toSeconds()));
			statement.setMaxRows(query.maxRows() + 1);
			for (int i = 0; i < arguments.length; i++) {
				statement.setObject(i + 1, arguments[i]);
			}
			this.executions.incrementAndGet();
			try (ResultSet rows = statement.executeQuery()) {
				return new Outcome.Rows(read(rows, query.maxRows()));
			}
		}
		catch (SQLTransientConnectionException ex) {
			return new Outcome.NoConnection(ex.getMessage());
		}
		catch (SQLException ex) {
			return new Outcome.Failed(ex.getSQLState() + ": " + ex.getMessage());
		}
	}

	/**
	 * @return statements sent to the database so far, the gateway's DB QPS counter
	 */
	long executions() {
		return this.executions.get();
	}

	private static QueryResult read(ResultSet rows, int maxRows) throws SQLException {
		ResultSetMetaData meta = rows.getMetaData();
		List<Column> columns = new ArrayList<>();
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
		}
		List<List<@Nullable Object>> data = new ArrayList<>();
		boolean truncated = false;
		while (rows.next()) {
			if (data.size() == maxRows) {
				truncated = true;
				break;
			}
			List<@Nullable Object> row = new ArrayList<>(columns.size());
			for (int i = 1; i <= columns.size(); i++) {
				row.add(json(rows.getObject(i)));
			}
			data.add(row);
		}
		return new QueryResult(columns, data, data.size(), truncated);
	}

	private static @Nullable Object json(@Nullable Object value) {
		return switch (value) {
			case null -> null;
			case BigDecimal decimal -> decimal.toPlainString();
			case Timestamp timestamp -> timestamp.toInstant().toString();
			case java.sql.Date date -> date.toLocalDate().toString();
			case Number number -> number;
			case Boolean bool -> bool;
			default -> value.toString();
		};
	}

	sealed interface Outcome {

		record Rows(QueryResult result) implements Outcome {
		}

		/** The pool had no connection within its timeout. */
		record NoConnection(String message) implements Outcome {
		}

		record Failed(String message) implements Outcome {
		}

	}

}
