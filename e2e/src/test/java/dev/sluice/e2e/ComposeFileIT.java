package dev.sluice.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks docker-compose.yml, the Dockerfiles and the Prometheus config they mount against
 * the code, since no Docker engine runs where the tests do: every variable given to an
 * app binds to one of its properties, ports agree with the apps' server.port, workers can
 * be scaled, mounted files exist, and promtool accepts the Prometheus config.
 */
class ComposeFileIT {

	private static final Path REPOSITORY = repository();

	private static Map<String, Object> compose;

	private static Map<String, ComposeAppProperties> apps;

	@BeforeAll
	static void read() throws IOException {
		compose = yaml(REPOSITORY.resolve("docker-compose.yml"));
		apps = Map.of("ingress", app("ingress-api/target/sluice-ingress-api.jar"), "worker",
				app("worker/target/sluice-worker.jar"));
	}

	@Test
	void everyAppVariableBindsToAPropertyOfThatApp() {
		for (String service : apps.keySet()) {
			List<String> unbound = new ArrayList<>();
			environment(service).keySet()
				.stream()
				.filter((variable) -> !variable.equals("JAVA_TOOL_OPTIONS"))
				.filter((variable) -> !apps.get(service).binds(variable))
				.forEach(unbound::add);
			assertThat(unbound).as("variables of service %s that bind to no property of the app", service).isEmpty();
		}
	}

	@Test
	void relaxedBindingIsCheckedForReal() {
		ComposeAppProperties worker = apps.get("worker");
		assertThat(worker.propertyCount()).isGreaterThan(100);
		assertThat(worker.binds("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
		assertThat(worker.binds("SPRING_DATASOURCE_URL")).isTrue();
		assertThat(worker.binds("SLUICE_WORKER_POOL_SIZE")).isTrue();
		assertThat(worker.binds("LOGGING_LEVEL_ORG_APACHE_KAFKA")).isTrue();
		assertThat(worker.binds("SPRING_KAFKA_BOOTSTRAP_SERVER")).isFalse();
		assertThat(worker.binds("SLUICE_WORKER_POOLSIZES")).isFalse();
	}

	@Test
	void publishedPortsAreTheAppsServerPorts() {
		assertThat(containerPorts(service("ingress").get("ports"))).containsExactly(serverPort("ingress"));
		assertThat(containerPorts(service("worker").get("expose"))).containsExactly(serverPort("worker"));
	}

	@Test
	void workerCanBeScaled() {
		Map<String, Object> worker = service("worker");
		assertThat(worker).as("a fixed container name allows one replica only").doesNotContainKey("container_name");
		assertThat(worker).as("a fixed host port allows one replica only").doesNotContainKey("ports");
	}

	@Test
	void prometheusScrapesEveryAppOnItsServerPort() throws IOException {
		Map<String, Object> prometheus = yaml(REPOSITORY.resolve("dashboards/prometheus-compose.yml"));
		List<String> staticTargets = new ArrayList<>();
		List<String> dnsTargets = new ArrayList<>();
		for (Map<String, Object> job : maps(prometheus.get("scrape_configs"))) {
			assertThat(job.get("metrics_path")).as("metrics_path of " + job.get("job_name"))
				.isEqualTo("/actuator/prometheus");
			for (Map<String, Object> config : maps(job.get("static_configs"))) {
				list(config.get("targets")).forEach((target) -> staticTargets.add(String.valueOf(target)));
			}
			for (Map<String, Object> config : maps(job.get("dns_sd_configs"))) {
				list(config.get("names")).forEach((name) -> dnsTargets.add(name + ":" + config.get("port")));
			}
		}
		assertThat(staticTargets).contains("ingress:" + serverPort("ingress"));
		assertThat(dnsTargets).contains("worker:" + serverPort("worker"));
	}

	@Test
	void prometheusConfigPassesPromtool() throws Exception {
		Process promtool;
		try {
			promtool = new ProcessBuilder("promtool", "check", "config", "dashboards/prometheus-compose.yml")
				.directory(REPOSITORY.toFile())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			fail("promtool is not installed; install Debian's prometheus package (apt-get install prometheus), "
					+ "which brings promtool, and run this test again");
			return;
		}
		String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(promtool.exitValue()).as(output).isZero();
	}

	@Test
	void mountedFilesAndDockerfilesExist() {
		for (Map.Entry<String, Object> service : map(compose.get("services")).entrySet()) {
			Map<String, Object> definition = map(service.getValue());
			for (Object volume : list(definition.get("volumes"))) {
				String source = String.valueOf(volume).split(":")[0];
				if (source.startsWith("./")) {
					assertThat(REPOSITORY.resolve(source)).as("mounted by " + service.getKey()).exists();
				}
			}
			if (definition.get("build") instanceof Map<?, ?> build) {
				assertThat(REPOSITORY.resolve(String.valueOf(build.get("context")))
					.resolve(String.valueOf(build.get("dockerfile")))).as("Dockerfile of " + service.getKey())
					.isRegularFile();
			}
		}
	}

	@Test
	void grafanaFindsItsDashboardsAndPrometheus() throws IOException {
		Map<String, Object> grafana = service("grafana");
		Path provider = REPOSITORY.resolve("dashboards/grafana/provisioning/dashboards/sluice.yml");
		for (Map<String, Object> each : maps(yaml(provider).get("providers"))) {
			String path = String.valueOf(map(each.get("options")).get("path"));
			assertThat(hostPath(grafana, path)).as("dashboards provider path " + path).isDirectory();
		}
		String home = String.valueOf(map(grafana.get("environment")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
		assertThat(hostPath(grafana, home)).as("home dashboard " + home).isRegularFile();
		Path datasources = REPOSITORY.resolve("dashboards/grafana/provisioning/datasources/prometheus.yml");
		for (Map<String, Object> datasource : maps(yaml(datasources).get("datasources"))) {
			URI url = URI.create(String.valueOf(datasource.get("url")));
			assertThat(map(compose.get("services"))).as("datasource " + url).containsKey(url.getHost());
			assertThat(list(service(url.getHost()).get("ports"))).as("datasource " + url)
				.anyMatch((port) -> String.valueOf(port).endsWith(":" + url.getPort()));
		}
	}

	@Test
	void postgresLoadsTheDemoDataFromTheDevstackFiles() throws IOException {
		String script = Files.readString(REPOSITORY.resolve("docker/postgres/load-demo.sh"));
		for (String file : List.of("schema.sql", "data.sql", "keys.sql")) {
			assertThat(script).contains("/sluice/demo/" + file);
			assertThat(REPOSITORY.resolve("devstack/src/main/resources/demo").resolve(file)).isRegularFile();
		}
		assertThat(list(service("postgres").get("volumes")))
			.contains("./devstack/src/main/resources/demo:/sluice/demo:ro");
		assertThat(environment("worker").get("SPRING_DATASOURCE_URL")).asString()
			.contains("/" + map(service("postgres").get("environment")).get("POSTGRES_DB") + "?")
			.endsWith("ApplicationName=sluice-worker");
	}

	@Test
	void imagesRunOnAJreAsNonRootWithAReadinessHealthcheck() throws IOException {
		for (String service : apps.keySet()) {
			String dockerfile = Files.readString(REPOSITORY.resolve("docker/" + service + ".Dockerfile"));
			List<String> stages = dockerfile.lines().filter((line) -> line.startsWith("FROM ")).toList();
			assertThat(stages).as(service + " build stages").hasSize(2);
			assertThat(stages.get(1)).isEqualTo("FROM eclipse-temurin:21-jre");
			assertThat(dockerfile).contains("./mvnw").containsPattern("(?m)^USER (?!root)\\w+");
			assertThat(dockerfile).contains("HEALTHCHECK").contains("/actuator/health/readiness");
			assertThat(dockerfile).contains("EXPOSE " + serverPort(service));
		}
	}

	/**
	 * Where a path inside a service's container comes from in the repository, through its
	 * bind mounts.
	 */
	private static Path hostPath(Map<String, Object> service, String containerPath) {
		for (Object volume : list(service.get("volumes"))) {
			String[] parts = String.valueOf(volume).split(":");
			if (parts[0].startsWith("./")
					&& (containerPath.equals(parts[1]) || containerPath.startsWith(parts[1] + "/"))) {
				return REPOSITORY.resolve(parts[0])
					.resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", ""));
			}
		}
		return REPOSITORY.resolve("(not mounted: " + containerPath + ")");
	}

	private static int serverPort(String service) {
		Object override = environment(service).get("SERVER_PORT");
		Object port = (override != null) ? override : apps.get(service).configured("server.port");
		assertThat(port).as("server.port of " + service).isNotNull();
		return Integer.parseInt(String.valueOf(port));
	}

	private static List<Integer> containerPorts(Object ports) {
		List<Integer> container = new ArrayList<>();
		for (Object port : list(ports)) {
			String[] parts = String.valueOf(port).split(":");
			container.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
		}
		return container;
	}

	private static Map<String, Object> service(String name) {
		Map<String, Object> service = map(map(compose.get("services")).get(name));
		assertThat(service).as("service " + name + " in docker-compose.yml").isNotEmpty();
		return service;
	}

	private static Map<String, Object> environment(String service) {
		return map(service(service).get("environment"));
	}

	private static ComposeAppProperties app(String jar) throws IOException {
		Path path = REPOSITORY.resolve(jar);
		assertThat(path).as("build the apps first: ./mvnw -DskipTests package").isRegularFile();
		return ComposeAppProperties.of(path);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value instanceof List<?>) ? (List<Object>) value : List.of();
	}

	private static List<Map<String, Object>> maps(Object value) {
		return list(value).stream().map(ComposeFileIT::map).toList();
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new Yaml().load(in);
		}
	}

	static Path repository() {
		String configured = System.getProperty("sluice.repository");
		Path start = Path.of((configured != null) ? configured : "").toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("docker-compose.yml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No Sluice repository (mvnw and docker-compose.yml) at or above " + start);
	}

}
