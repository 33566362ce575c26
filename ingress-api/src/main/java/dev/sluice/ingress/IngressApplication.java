package dev.sluice.ingress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The HTTP edge of Sluice: validates submissions against the catalog, enqueues them to
 * Kafka, and answers status, long-poll and event-stream requests from its own
 * materialized copy of the results topic.
 * <p>
 * Wiring: every bean is made by a {@code @Bean} method of its feature's
 * {@code @Configuration} class, which only constructs and connects (any logic lives in
 * the class it builds), and scanning finds nothing but those classes, the web layer
 * (controllers and the problem handler) and the {@code @ConfigurationProperties} records.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngressApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngressApplication.class, args);
	}

}
