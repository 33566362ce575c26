package dev.sluice.ingress.catalog;

import java.net.http.HttpResponse;

import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/catalog} of a running ingress.
 */
@ExtendWith(IngressFixture.Shared.class)
class CatalogIT {

	private final IngressFixture fixture;

	CatalogIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void catalogListsQueriesWithoutTheirSql() {
		HttpResponse<String> response = Http.get(this.fixture.uri("/v1/catalog"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode orders = Http.json(response)
			.get("queries")
			.valueStream()
			.filter((query) -> query.get("name").stringValue().equals("customer_orders"))
			.findFirst()
			.orElseThrow();
		assertThat(orders.get("params").get("customerId").get("type").stringValue()).isEqualTo("long");
		assertThat(orders.get("params").get("limit").get("default").intValue()).isEqualTo(20);
		assertThat(orders.get("queueTimeout").stringValue()).isEqualTo("PT30S");
		assertThat(orders.get("maxRows").intValue()).isEqualTo(500);
		assertThat(orders.get("maxBytes").longValue()).isEqualTo(8L * 1024 * 1024);
		assertThat(response.body()).doesNotContain("select");
	}

}
