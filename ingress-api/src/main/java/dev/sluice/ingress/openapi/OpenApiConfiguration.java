package dev.sluice.ingress.openapi;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the OpenAPI document of the {@code /v1} API; springdoc serves it at
 * {@code /v3/api-docs} (limited to {@code /v1/**} by {@code springdoc.paths-to-match}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI sluiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Sluice ingress API")
				.version("1")
				.description("Submit named, parameterized read queries of the catalog; read, long-poll or stream "
						+ "their status; cancel them. Every error is an RFC 9457 application/problem+json document. "
						+ "The design and its guarantees: docs/design.md."))
			// Relative to where the document is read, so that it is the same on every
			// host.
			.servers(List.of(new Server().url("/").description("the ingress that serves this document")))
			.tags(List.of(new Tag().name("queries").description("Submit, read, stream and cancel queries"),
					new Tag().name("catalog").description("The queries a client may run"),
					new Tag().name("console").description("The data of the console page")));
	}

	@Bean
	OpenApiCustomizer sluiceContractOperations() {
		return new ContractOperations();
	}

}
