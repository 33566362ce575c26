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
 * Per execution: take a connection, bind the typed parameters to the {@code ?}s of the
 * catalog SQL, each as its declared type even when NULL ({@link TypedBinds}), and read at
 * most {@code maxRows} rows (one more is fetched to detect truncation). Nothing from a
 * request is ever part of the SQL text.
 * <p>
 * <b>One round trip per query.</b> The pool's connections are in auto-commit mode and
 * read-only for their whole life ({@code default_transaction_read_only}, set once when
 * the pool opens them), so the query runs in its own implicit read-only transaction: no
 * {@code BEGIN}, no {@code ROLLBACK}. The catalog's {@code timeout} is the statement's
 * own query timeout, kept by a client-side timer that sends a cancel request only if it
 * fires, with a session {@code statement_timeout} set once per connection as a safety net
 * (see {@link QueryTimeouts}). A write is still refused (SQLSTATE 25006) and the timeout
 * is still the catalog's, exactly, whatever the timeout of the query before on the same
 * connection.
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

	/**
	 * @param dataSource a pool of auto-commit, read-only PostgreSQL connections, as
	 * {@link ExecuteConfiguration} makes them
	 */
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
			return run(connection, query, values, control);
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
		try (PreparedStatement statement = connection.prepareStatement(query.sql().jdbcSql())) {
			QueryTimeouts.arm(statement, query.timeout());
			TypedBinds.bind(statement, query.jdbcTypes(), query.jdbcArguments(values));
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

	private static RuntimeException translate(SQLException ex, CatalogQuery query, ExecutionControl control) {
		if (DatabaseErrors.QUERY_CANCELED.equals(ex.getSQLState()) && control.cancelRequested()) {
			return new ExecutionAbandonedException("Query '" + query.name() + "' was cancelled on request", ex);
		}
		if (DatabaseErrors.isUnavailable(ex)) {
			return new DatabaseUnavailableException(
					"Lost the database while running query '" + query.name() + "': " + ex.getMessage(), ex);
		}
		if (DatabaseErrors.QUERY_CANCELED.equals(ex.getSQLState())) {
			// Not cancelled on request, so the query's own timer ("... due to user
			// request") or the session safety net ("... due to statement timeout")
			// stopped
			// it: either way the query ran past its catalog timeout.
			return new QueryFailedException(
					new QueryError(DatabaseErrors.QUERY_CANCELED,
							"statement timeout of " + QueryTimeouts.millis(query.timeout()) + "ms exceeded"),
					DatabaseErrors.message(ex), ex);
		}
		String code = DatabaseErrors.code(ex);
		return new QueryFailedException(new QueryError(code, DatabaseErrors.clientMessage(code)),
				DatabaseErrors.message(ex), ex);
	}

}
