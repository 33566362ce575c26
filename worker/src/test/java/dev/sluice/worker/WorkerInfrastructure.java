package dev.sluice.worker;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.postgres.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker and a fresh PostgreSQL database for one test class.
 * <p>
 * Declare it with {@code @ExtendWith} <em>before</em> {@code @SpringBootTest} together
 * with {@code @DirtiesContext}: extensions stop in reverse order, so the worker's context
 * closes (finishing its batch, committing, leaving the group) while the broker is still
 * up, and the broker stops afterwards.
 */
public final class WorkerInfrastructure implements BeforeAllCallback, AfterAllCallback {

	private static KafkaBroker broker;

	private static TestDatabase database;

	@Override
	public void beforeAll(ExtensionContext context) {
		broker = KafkaBroker.temporary().start();
		database = TestDatabase.create("worker");
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			database.close();
		}
		finally {
			broker.close();
		}
	}

	public static KafkaBroker broker() {
		return broker;
	}

	public static TestDatabase database() {
		return database;
	}

}
