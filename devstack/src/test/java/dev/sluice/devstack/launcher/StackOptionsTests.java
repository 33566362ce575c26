package dev.sluice.devstack.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackOptionsTests {

	private static final Path HOME = Path.of("/repo");

	@Test
	void defaultsMatchTheDocumentedPorts() {
		StackOptions options = parse("up");
		assertThat(options.workers()).isEqualTo(2);
		assertThat(options.port()).isEqualTo(8080);
		assertThat(options.kafkaPort()).isEqualTo(9092);
		assertThat(options.brokers()).isEqualTo(1);
		assertThat(options.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
		assertThat(options.workerPort(1)).isEqualTo(8081);
		assertThat(options.workerPort(2)).isEqualTo(8082);
		assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.devstack"));
		assertThat(options.database()).isEqualTo("sluice_demo");
		assertThat(options.catalog()).isEqualTo("classpath:catalog/demo.yml");
		assertThat(options.status()).isTrue();
	}

	@Test
	void flagsOverrideDefaults() {
		StackOptions options = parse("up", "--workers", "3", "--port", "9000", "--kafka-port", "9100",
				"--worker-base-port", "9001", "--scale", "0.01", "--database", "demo_2", "--data-dir", "/tmp/x",
				"--no-status", "--no-build");
		assertThat(options.ports()).extracting(StackOptions.PortUse::port)
			.containsExactly(9100, 9101, 9000, 9001, 9002, 9003);
		assertThat(options.scale()).isEqualTo(0.01);
		assertThat(options.database()).isEqualTo("demo_2");
		assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
		assertThat(options.status()).isFalse();
		assertThat(options.build()).isFalse();
	}

	@Test
	void threeBrokersTakeTwoPortsEachFromTheKafkaPort() {
		StackOptions options = parse("up", "--brokers", "3", "--workers", "1");

		assertThat(options.brokers()).isEqualTo(3);
		assertThat(options.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
		assertThat(options.ports()).extracting(StackOptions.PortUse::port)
			.containsExactly(9092, 9093, 9094, 9095, 9096, 9097, 8080, 8081);
	}

	@Test
	void brokers_evenOrOtherCountsRefusedSayingWhy() {
		for (String count : new String[] { "2", "4", "5", "0", "three" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--brokers", count))
				.withMessageContaining("--brokers takes 1 or 3, not '" + count + "'")
				.withMessageContaining("majority");
		}
	}

	@Test
	void brokers_portsOfTheThirdNodeClashingWithTheIngressNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--brokers", "3", "--kafka-port", "8076"))
			.withMessageContaining("Port 8080")
			.withMessageContaining("--kafka-port")
			.withMessageContaining("--port");
	}

	@Test
	void catalogComesFromTheEnvironmentUnlessGiven() {
		assertThat(StackOptions.parse(List.of("up"), HOME, Map.of("SLUICE_CATALOG", "/etc/catalog.yml")).catalog())
			.isEqualTo("/etc/catalog.yml");
		assertThat(StackOptions
			.parse(List.of("up", "--catalog", "mine.yml"), HOME, Map.of("SLUICE_CATALOG", "/etc/catalog.yml"))
			.catalog()).isEqualTo("mine.yml");
	}

	@Test
	void portClashNamesBothFlags() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--port", "8081"))
			.withMessageContaining("8081")
			.withMessageContaining("--worker-base-port")
			.withMessageContaining("--port");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--kafka-port", "8079"))
			.withMessageContaining("--kafka-port");
	}

	@Test
	void badValuesNameTheFlag() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--workers", "many"))
			.withMessageContaining("--workers");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--port"))
			.withMessageContaining("--port needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--scale", "50"))
			.withMessageContaining("--scale");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--database", "Robert'); drop"))
			.withMessageContaining("--database");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("up", "--verbose"))
			.withMessageContaining("--verbose");
		assertThatIllegalArgumentException().isThrownBy(() -> parse("start")).withMessageContaining("start");
	}

	@Test
	void noArgumentsMeansHelp() {
		assertThat(parse().command()).isEqualTo("help");
		assertThat(parse("--help").command()).isEqualTo("help");
	}

	private static StackOptions parse(String... args) {
		return StackOptions.parse(List.of(args), HOME, Map.of());
	}

}
