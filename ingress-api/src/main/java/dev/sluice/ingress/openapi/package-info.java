/**
 * The OpenAPI 3.1 contract of the {@code /v1} API, served at {@code /v3/api-docs}.
 * <p>
 * Status documents leave the ingress as the bytes they came in, so nothing can be
 * inferred from the handlers' signatures: the schemas, parameters, headers and answers
 * are written here, from the wire, and {@code OpenApiConformanceIT} checks them against
 * the answers of a running ingress. It uses no other package: what it describes is the
 * HTTP contract, not the code behind it.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.ingress.openapi;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
