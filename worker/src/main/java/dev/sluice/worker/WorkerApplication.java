package dev.sluice.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * The Sluice worker: drains {@code sluice.queries} through a bounded connection pool to
 * PostgreSQL and publishes every state change to {@code sluice.results}.
 * <p>
 * Wiring: every bean is made by a {@code @Bean} method of its feature's
 * {@code @Configuration} class, which only constructs and connects (any logic lives in
 * the class it builds), and scanning finds nothing but those classes and the
 * {@code @ConfigurationProperties} records.
 * <p>
 * Each package below this one is an application module, which declares in its
 * {@code package-info} the modules it may use.
 */
@SpringBootApplication
@Modulithic(systemName = "Sluice worker")
@ConfigurationPropertiesScan
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

}
