package dev.sluice.ingress.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.ingress.clients.Client;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/catalog}: the public part of the catalog, never its SQL.
 *
 * <pre>{@code
 * {"queries": [{"name": "customer_orders", "description": "...",
 *   "params": {"customerId": {"type": "long", "required": true, "min": 1}},
 *   "timeout": "PT2S", "queueTimeout": "PT30S", "cacheTtl": "PT30S", "maxRows": 500,
 *   "maxBytes": 8388608}]}
 * }</pre>
 *
 * Durations are ISO-8601 strings ({@code PT2S}), the form {@link java.time.Duration}
 * prints and parses, so no unit has to be guessed. A client sees only the queries it may
 * run.
 */
@RestController
class CatalogController {

	private final List<Map<String, Object>> described;

	CatalogController(Catalog catalog) {
		this.described = catalog.queries().stream().map(CatalogController::describe).toList();
	}

	@GetMapping("/v1/catalog")
	Map<String, List<Map<String, Object>>> catalog(Client client) {
		return Map.of("queries",
				this.described.stream().filter((query) -> client.mayRun((String) query.get("name"))).toList());
	}

	private static Map<String, Object> describe(CatalogQuery query) {
		Map<String, Object> params = new LinkedHashMap<>();
		query.params().forEach((name, spec) -> params.put(name, spec.describe()));
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("name", query.name());
		described.put("description", query.description());
		described.put("params", params);
		described.put("timeout", query.timeout().toString());
		described.put("queueTimeout", query.queueTimeout().toString());
		described.put("cacheTtl", query.cacheTtl().toString());
		described.put("maxRows", query.maxRows());
		described.put("maxBytes", query.maxBytes());
		return described;
	}

}
