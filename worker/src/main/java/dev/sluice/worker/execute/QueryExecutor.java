package dev.sluice.worker.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryResult;

/**
 * Runs one catalog query on a pooled, read-only connection.
 * <p>
 * Per execution: take a connection, {@code SET LOCAL statement_timeout} to the catalog's
 * {@code timeout}, bind the typed parameters to the {@code ?}s of the catalog SQL, read
 * at most {@code maxRows} rows (one more is fetched to detect truncation), then end the
 * read-only transaction. Nothing from a request is ever part of the SQL text.
 * <p>
 * Thread-safe. Callers must check deadline and cancellation <em>before</em> calling: the
 * first thing this does is take a connection.
 *
 * <pre>{@code
 * QueryResult result = executor.execute(catalogQuery, catalogQuery.bind(params), control);
 * }</pre>
 */
public class QueryExecutor {

	private final DataSource dataSource;

	public QueryExecutor(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Execute the query.
	 * @param query the catalog entry
	 * @param values the values returned by {@link CatalogQuery#bind(Map)}
	 * @param control callbacks for start, cancellation and statement tracking
	 * @return the rows, mapped as described by {@link ResultReader}
	 * @throws DatabaseUnavailableException if no connection could be had or it broke
	 * @throws QueryFailedException if the database rejected the query or it timed out
	 * @throws ExecutionAbandonedException if {@code control} cancelled it
	 */
	public QueryResult execute(CatalogQuery query, Map<String, Object> values, ExecutionControl control) {
		Connection connection = connect(query);
		try (connection) {
			control.connected();
			QueryResult result;
			try {
				result = run(connection, query, values, control);
			}
			catch (SQLException | RuntimeException ex) {
				endTransaction(connection, ex);
				throw ex;
			}
			endTransaction(connection, null);
			return result;
		}
		catch (SQLException ex) {
			throw translate(ex, query, control);
		}
	}

	private Connection connect(CatalogQuery query) {
		try {
			return this.dataSource.getConnection();
		}
		catch (SQLException | RuntimeException ex) {
			// Whatever the reason (refused, timed out, a pool that could not start), no
			// connection means the database is unavailable, not that the query is wrong.
			throw new DatabaseUnavailableException(
					"No database connection for query '" + query.name() + "': " + ex.getMessage(), ex);
		}
	}

	private QueryResult run(Connection connection, CatalogQuery query, Map<String, Object> values,
			ExecutionControl control) throws SQLException {
		setStatementTimeout(connection, query);
		try (PreparedStatement statement = connection.prepareStatement(query.sql().jdbcSql())) {
			Object[] arguments = query.jdbcArguments(values);
			for (int i = 0; i < arguments.length; i++) {
				statement.setObject(i + 1, arguments[i]);
			}
			statement.setMaxRows(query.maxRows() + 1);
			if (!control.attach(statement)) {
				throw new ExecutionAbandonedException("Every query waiting for '" + query.name() + "' was cancelled");
			}
			try (ResultSet rows = statement.executeQuery()) {
				return ResultReader.read(rows, query.maxRows());
			}
			finally {
				control.detach();
			}
		}
	}

	private static void setStatementTimeout(Connection connection, CatalogQuery query) throws SQLException {
		// set_config(..., true) is SET LOCAL: it ends with this transaction, so the next
		// query on this pooled connection starts from the server default again.
		try (PreparedStatement statement = connection
			.prepareStatement("select set_config('statement_timeout', ?, true)")) {
			statement.setString(1, Long.toString(query.timeout().toMillis()));
			statement.execute();
		}
	}

	/**
	 * End the read-only transaction: nothing to commit, and a rollback also clears an
	 * aborted one. A failure here changes nothing about the outcome (the rows are read,
	 * or the query already failed); the pool evicts a broken connection by itself.
	 */
	private static void endTransaction(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			if (failure != null) {
				failure.addSuppressed(ex);
			}
		}
	}

	private static RuntimeException translate(SQLException ex, CatalogQuery query, ExecutionControl control) {
		if (DatabaseErrors.QUERY_CANCELED.equals(ex.getSQLState()) && control.cancelRequested()) {
			return new ExecutionAbandonedException("Query '" + query.name() + "' was cancelled on request", ex);
		}
		if (DatabaseErrors.isUnavailable(ex)) {
			return new DatabaseUnavailableException(
					"Lost the database while running query '" + query.name() + "': " + ex.getMessage(), ex);
		}
		if (DatabaseErrors.QUERY_CANCELED.equals(ex.getSQLState())) {
			return new QueryFailedException(new QueryError(DatabaseErrors.QUERY_CANCELED,
					"statement timeout of " + query.timeout().toMillis() + "ms exceeded"), ex);
		}
		String state = (ex.getSQLState() != null) ? ex.getSQLState() : "SQL_ERROR";
		return new QueryFailedException(new QueryError(state, DatabaseErrors.message(ex)), ex);
	}

}
