package dev.sluice.worker.execute;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

import dev.sluice.catalog.ParamType;
import org.jspecify.annotations.Nullable;

/**
 * Binds catalog parameters with their declared types, NULL included.
 * <p>
 * A value travels with the type the driver gives its Java class ({@code Integer} as
 * {@code int4}, {@code OffsetDateTime} as {@code timestamptz}, ...). A NULL has no class,
 * and an untyped NULL leaves PostgreSQL to infer the type from the SQL around it, which
 * fails with SQLSTATE 42P18 in the most common use of an optional parameter,
 * {@code (:p is null or col = :p)}. So a NULL is bound as the PostgreSQL type a value of
 * its declared type would have had.
 *
 * <pre>{@code
 * TypedBinds.bind(statement, query.jdbcTypes(), query.jdbcArguments(values));
 * }</pre>
 */
final class TypedBinds {

	private TypedBinds() {
	}

	/**
	 * @param statement the statement of the catalog SQL
	 * @param types the declared type of each {@code ?}
	 * @param arguments the value of each {@code ?}, {@code null} for SQL NULL
	 * @throws SQLException if the driver refuses a value
	 */
	static void bind(PreparedStatement statement, ParamType[] types, @Nullable Object[] arguments) throws SQLException {
		for (int i = 0; i < arguments.length; i++) {
			if (arguments[i] != null) {
				statement.setObject(i + 1, arguments[i]);
			}
			else {
				// pgjdbc binds a named type's OID and ignores the JDBC type code.
				statement.setNull(i + 1, Types.OTHER, postgresType(types[i]));
			}
		}
	}

	/**
	 * @param type a catalog type
	 * @return the PostgreSQL type its values are bound as
	 */
	static String postgresType(ParamType type) {
		return switch (type) {
			case INT -> "int4";
			case LONG -> "int8";
			case DECIMAL -> "numeric";
			case TEXT -> "varchar";
			case BOOL -> "bool";
			case DATE -> "date";
			case TIMESTAMP -> "timestamptz";
			case UUID -> "uuid";
		};
	}

}
