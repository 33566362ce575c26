package dev.sluice.bench.workload;

import java.util.Map;

import dev.sluice.contract.JsonCodec;

/**
 * One query to submit.
 *
 * @param query the catalog name
 * @param params the parameters in their JSON form
 */
public record WorkItem(String query, Map<String, Object> params) {

	/**
	 * The request body every target takes: {@code {"query": ..., "params": {...}}}.
	 * @return the JSON text
	 */
	public String toJson() {
		return JsonCodec.MAPPER.writeValueAsString(Map.of("query", this.query, "params", this.params));
	}

}
