package dev.sluice.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.devstack.postgres.TestDatabase;

/**
 * A query of the {@link Pipeline}'s catalog with its parameters.
 *
 * @param query {@code item} or {@code group_total}
 * @param params its parameters
 */
record Submission(String query, Map<String, Object> params) {

	/**
	 * Run the catalog query's SQL straight over JDBC, to compare with what the pipeline
	 * answers.
	 * @param database the pipeline's database
	 * @return the rows, each value as text as the status document has it
	 */
	List<List<String>> runOverJdbc(TestDatabase database) {
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
			List<List<String>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					List<String> row = new ArrayList<>();
					for (int c = 1; c <= columns; c++) {
						Object value = result.getObject(c);
						row.add((value == null) ? null
								: (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString());
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

}
