package dev.sluice.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.sluice.devstack.postgres.TestDatabase;

/**
 * A query of the {@link Pipeline}'s catalog with its parameters.
 *
 * @param query {@code item} or {@code group_total}
 * @param params its parameters
 */
record Submission(String query, Map<String, Object> params) {

	/**
	 * @param seed the seed of the random parameters, so that a run can be repeated
	 * @param count how many
	 * @return {@code item} and {@code group_total} in turn, with random parameters over
	 * the whole table, so that some repeat (cache hits, coalescing) and most do not
	 */
	static List<Submission> mix(long seed, int count) {
		Random random = new Random(seed);
		List<Submission> submissions = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			submissions.add((i % 2 == 0) ? new Submission("item", Map.of("id", 1 + random.nextInt(20000)))
					: new Submission("group_total", Map.of("grp", random.nextInt(50), "minId", random.nextInt(4))));
		}
		return submissions;
	}

	/**
	 * Run the catalog query's SQL straight over JDBC, to compare with what the pipeline
	 * answers.
	 * @param database the pipeline's database
	 * @return the rows, each value as text as the status document has it
	 */
	List<List<String>> runOverJdbc(TestDatabase database) {
		return runOverJdbc(database, (result, column) -> {
			Object value = result.getObject(column);
			return (value == null) ? null
					: (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString();
		});
	}

	/**
	 * Run the catalog query's SQL straight over JDBC, with each value as the Java client
	 * types it: whole numbers as {@link Long}, {@code numeric} as {@link BigDecimal},
	 * {@code date} as {@link LocalDate}, text as {@link String}.
	 * @param database the pipeline's database
	 * @return the rows
	 */
	List<List<Object>> runOverJdbcTyped(TestDatabase database) {
		return runOverJdbc(database, (result, column) -> {
			Object value = result.getObject(column);
			return switch (value) {
				case null -> null;
				case Integer number -> number.longValue();
				case Short number -> number.longValue();
				case Date date -> date.toLocalDate();
				default -> value;
			};
		});
	}

	private <T> List<List<T>> runOverJdbc(TestDatabase database, Column<T> read) {
		String sql = switch (this.query) {
			case "item" -> "select id, grp, name, price, added from items where id = ?";
			default -> "select count(*) as n, sum(price) as total from items where grp = ? and id > ?";
		};
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			if (this.query.equals("item")) {
				statement.setLong(1, ((Number) this.params.get("id")).longValue());
			}
			else {
				statement.setInt(1, ((Number) this.params.get("grp")).intValue());
				statement.setLong(2, ((Number) this.params.get("minId")).longValue());
			}
			List<List<T>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					List<T> row = new ArrayList<>();
					for (int c = 1; c <= columns; c++) {
						row.add(read.value(result, c));
					}
					rows.add(row);
				}
			}
			return rows;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Direct JDBC run of " + this + " failed", ex);
		}
	}

	/** How a value of one column is read from the current row. */
	@FunctionalInterface
	private interface Column<T> {

		T value(ResultSet result, int column) throws SQLException;

	}

}
