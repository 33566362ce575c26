package dev.sluice.worker.execute;

import java.sql.Statement;

/**
 * How the caller of {@link QueryExecutor#execute} follows and steers one execution. All
 * methods are called on the executing thread except where noted.
 */
public interface ExecutionControl {

	/**
	 * A connection was taken: the query now really touches the database.
	 */
	void connected();

	/**
	 * The statement is about to execute; from now until {@link #detach()} it may be
	 * cancelled from another thread with {@link Statement#cancel()}.
	 * @param statement the statement
	 * @return {@code false} if nobody wants the result any more, in which case the
	 * statement is not executed
	 */
	boolean attach(Statement statement);

	/**
	 * The statement finished (or failed); it must no longer be cancelled.
	 */
	void detach();

	/**
	 * Whether a cancel was requested, which tells a cancelled statement apart from one
	 * that hit its statement timeout (both report SQLSTATE 57014).
	 * @return {@code true} if the statement was or will be cancelled on request
	 */
	boolean cancelRequested();

}
