package dev.sluice.worker;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test class of one feature against the whole worker: a real Kafka broker and a fresh
 * PostgreSQL database ({@link WorkerInfrastructure}), the catalog and table of
 * {@link WorkerFixture}, and the worker started on them, on a random port, for this class
 * alone. The test plays the ingress with {@link WorkerFixture#client()} and
 * {@link WorkerFixture#results()}.
 * <p>
 * The extensions stop in reverse order: the worker's context closes (draining its window,
 * committing, leaving the group) while the broker is still up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(WorkerInfrastructure.class)
@ExtendWith(WorkerFixture.class)
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = WorkerFixture.class)
@DirtiesContext
public @interface WorkerIntegrationTest {

}
