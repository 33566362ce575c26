package dev.sluice.ingress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The HTTP edge of Sluice: validates submissions against the catalog, enqueues them to
 * Kafka, and answers status, long-poll and event-stream requests from its own
 * materialized copy of the results topic.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngressApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngressApplication.class, args);
	}

}
