package dev.sluice.ingress.clients;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static dev.sluice.ingress.support.KeysFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientKeysParserTests {

	private static final Set<String> CATALOG = Set.of("customer_by_id", "customer_orders");

	static final Quota DEFAULT_QUOTA = new Quota(50, 100, 500);

	private final ClientKeysParser parser = new ClientKeysParser("keys.yml", CATALOG, DEFAULT_QUOTA);

	@Test
	void eachKeyNamesItsClientAndItsScope() {
		ClientKeys keys = this.parser.parse("""
				clients:
				  reporting:
				    keys: [%s, %s]
				    queries: [customer_orders]
				  backoffice:
				    keys: [%s]
				""".formatted(sha256("old-key"), sha256("new-key"), sha256("bo-key")));

		assertThat(keys.authenticate("old-key")).isEqualTo(keys.authenticate("new-key"));
		assertThat(keys.authenticate("new-key").name()).isEqualTo("reporting");
		assertThat(keys.authenticate("new-key").mayRun("customer_orders")).isTrue();
		assertThat(keys.authenticate("new-key").mayRun("customer_by_id")).isFalse();
		assertThat(keys.authenticate("bo-key").name()).isEqualTo("backoffice");
		assertThat(keys.authenticate("bo-key").mayRun("customer_by_id")).isTrue();
		assertThat(keys.authenticate("no-such-key")).isNull();
		assertThat(keys.clientNames()).containsExactlyInAnyOrder("reporting", "backoffice");
	}

	@Test
	void aKeyWrittenInClearIsRefusedWithoutQuotingIt() {
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("""
				clients:
				  reporting:
				    keys: [s3cr3t-key-pasted-by-mistake]
				"""))
			.withMessageContaining("client 'reporting': keys[0]: must be 'sha256:'")
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void aScopeNamesCatalogQueriesOnly() {
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("""
				clients:
				  reporting:
				    keys: [%s]
				    queries: [customer_ordrs]
				""".formatted(sha256("k"))))
			.withMessage("keys file keys.yml: client 'reporting': queries: 'customer_ordrs' is not a catalog query; "
					+ "the catalog has [customer_by_id, customer_orders]");
	}

	@Test
	void aKeySharedByTwoClientsIsRefused() {
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("""
				clients:
				  a:
				    keys: [%s]
				  b:
				    keys: [%s]
				""".formatted(sha256("same"), sha256("same"))))
			.withMessage("keys file keys.yml: client 'b': keys: a key is listed twice in the file");
	}

	@Test
	void unknownFieldsAndShapesAreRefusedNamingTheField() {
		assertThatExceptionOfType(ClientKeysException.class)
			.isThrownBy(
					() -> this.parser.parse("clients:\n  a:\n    keys: [%s]\n    limit: 5\n".formatted(sha256("k"))))
			.withMessageContaining("client 'a': unknown field 'limit'");
		assertThatExceptionOfType(ClientKeysException.class)
			.isThrownBy(() -> this.parser.parse("clients:\n  a:\n    queries: [customer_orders]\n"))
			.withMessageContaining("client 'a': keys: a list of at least one");
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("keys: []\n"))
			.withMessageContaining("expected one top-level 'clients:' mapping");
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("clients: [\n"))
			.withMessageContaining("not valid YAML");
		assertThatExceptionOfType(ClientKeysException.class)
			.isThrownBy(() -> this.parser.parse("clients:\n  'bad name':\n    keys: [%s]\n".formatted(sha256("k"))))
			.withMessageContaining("the name must start with a letter");
	}

	@Test
	void aQuotaSetsItsFieldsAndTheDefaultsFillTheRest() {
		ClientKeys keys = this.parser.parse("""
				clients:
				  reporting:
				    keys: [%s]
				    quota: { rate: 2.5, maxInFlight: 7 }
				  backoffice:
				    keys: [%s]
				""".formatted(sha256("r"), sha256("b")));

		assertThat(keys.named("reporting").quota()).isEqualTo(new Quota(2.5, DEFAULT_QUOTA.burst(), 7));
		assertThat(keys.named("backoffice").quota()).isEqualTo(DEFAULT_QUOTA);
		assertThat(keys.named("nobody")).isNull();
	}

	@Test
	void aQuotaFieldThatIsNotUnderstoodIsRefusedByName() {
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("""
				clients:
				  reporting:
				    keys: [%s]
				    quota: { rate: 5, concurrency: 3 }
				""".formatted(sha256("r"))))
			.withMessageContaining("client 'reporting': quota: unknown field 'concurrency'")
			.withMessageContaining("[burst, maxInFlight, rate]");
	}

	@Test
	void aQuotaOfZeroIsRefusedNamingTheField() {
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("""
				clients:
				  reporting:
				    keys: [%s]
				    quota: { rate: 0 }
				""".formatted(sha256("r")))).withMessageContaining("client 'reporting': quota.rate: must be a number");
		assertThatExceptionOfType(ClientKeysException.class).isThrownBy(() -> this.parser.parse("""
				clients:
				  reporting:
				    keys: [%s]
				    quota: { burst: 1.5 }
				""".formatted(sha256("r"))))
			.withMessageContaining("client 'reporting': quota.burst: must be a whole number of at least 1");
	}

}
