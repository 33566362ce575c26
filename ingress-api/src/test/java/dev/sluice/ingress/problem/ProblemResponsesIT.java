package dev.sluice.ingress.problem;

import java.net.http.HttpResponse;
import java.util.List;

import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors of a running ingress, whoever answers them (Spring or the container), are
 * {@code application/problem+json} documents.
 */
@ExtendWith(IngressFixture.Shared.class)
class ProblemResponsesIT {

	private final IngressFixture fixture;

	ProblemResponsesIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void errorsTheContainerAnswersBeforeSpringAreProblemsToo() {
		for (String path : List.of("/v1/queries/%00", "/v1/queries/%2e%2e%2fcatalog",
				"/v1/queries/..%2F..%2Factuator")) {
			HttpResponse<String> response = Http.get(this.fixture.uri(path));
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(Http.json(response).get("status").intValue()).isEqualTo(400);
			assertThat(Http.json(response).get("type").stringValue()).isEqualTo("urn:sluice:problem:bad-request");
		}
		HttpResponse<String> hugeHeader = Http.get(this.fixture.uri("/v1/catalog"), "X-Pad", "x".repeat(20_000));
		assertThat(hugeHeader.statusCode()).isEqualTo(400);
		assertThat(hugeHeader.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void oversizedAndNonJsonBodiesAreRefusedAsProblems() {
		String huge = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"pad\": \""
				+ "x".repeat(70 * 1024) + "\"}";
		HttpResponse<String> tooLarge = Http.post(this.fixture.uri("/v1/queries"), huge);
		assertThat(tooLarge.statusCode()).isEqualTo(400);
		assertThat(Http.json(tooLarge).get("errors").get(0).get("field").stringValue()).isEqualTo("body");

		HttpResponse<String> text = Http
			.send(Http.request(this.fixture.uri("/v1/queries"), "Content-Type", "text/plain")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello"))
				.build());
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(text.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> unknownRoute = Http.get(this.fixture.uri("/v1/nothing-here"));
		assertThat(unknownRoute.statusCode()).isEqualTo(404);
		assertThat(Http.json(unknownRoute).get("status").intValue()).isEqualTo(404);

		HttpResponse<String> wrongMethod = Http.send(Http.request(this.fixture.uri("/v1/catalog"))
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> notAcceptable = Http.get(this.fixture.uri("/v1/catalog"), "Accept", "text/csv");
		assertThat(notAcceptable.statusCode()).isEqualTo(406);
	}

}
