package dev.sluice.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.contract.Topics;
import dev.sluice.deploy.Renderings.Rendering;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every rendering of deploy/kubernetes (the base and each overlay) must hold: the
 * operational invariants an operator relies on, read from the manifests themselves.
 */
class ManifestInvariantsTests {

	static final String BUDGET = "sluice.dev/database-connection-budget";

	private static final Pattern USER = Pattern.compile("(?m)^USER\\s+(\\d+)(?::\\d+)?\\s*$");

	static List<Rendering> renderings() {
		return Renderings.all();
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void everyContainerHasLivenessAndReadinessProbesOnTheActuatorHealthGroups(Rendering rendering) {
		for (Manifest deployment : deployments(rendering)) {
			for (Map<?, ?> container : containers(deployment)) {
				String where = deployment + " container " + container.get("name");
				assertThat(Manifest.dig(container, "livenessProbe", "httpGet", "path")).as(where + " livenessProbe")
					.isEqualTo("/actuator/health/liveness");
				assertThat(Manifest.dig(container, "readinessProbe", "httpGet", "path")).as(where + " readinessProbe")
					.isEqualTo("/actuator/health/readiness");
				assertThat(Manifest.dig(container, "readinessProbe", "httpGet", "port"))
					.as(where + " readinessProbe port")
					.isEqualTo(Manifest.dig(container, "livenessProbe", "httpGet", "port"))
					.isIn(portNamesAndNumbers(container));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void noPodOrContainerRunsAsRootOrWritesItsRootFilesystem(Rendering rendering) {
		for (Manifest deployment : deployments(rendering)) {
			Object pod = deployment.at("spec", "template", "spec", "securityContext");
			assertThat(Manifest.dig(pod, "runAsNonRoot")).as(deployment + " pod runAsNonRoot").isEqualTo(true);
			assertThat(Manifest.dig(pod, "runAsUser")).as(deployment + " pod runAsUser")
				.isInstanceOf(Integer.class)
				.isNotEqualTo(0);
			assertThat(Manifest.dig(pod, "seccompProfile", "type")).as(deployment + " pod seccompProfile")
				.isEqualTo("RuntimeDefault");
			for (Map<?, ?> container : containers(deployment)) {
				String where = deployment + " container " + container.get("name") + " securityContext";
				Object context = container.get("securityContext");
				assertThat(Manifest.dig(context, "runAsNonRoot")).as(where + ".runAsNonRoot").isEqualTo(true);
				assertThat(Manifest.dig(context, "runAsUser")).as(where + ".runAsUser").isNotEqualTo(0);
				assertThat(Manifest.dig(context, "readOnlyRootFilesystem")).as(where + ".readOnlyRootFilesystem")
					.isEqualTo(true);
				assertThat(Manifest.dig(context, "allowPrivilegeEscalation")).as(where + ".allowPrivilegeEscalation")
					.isEqualTo(false);
				assertThat(Manifest.list(Manifest.dig(context, "capabilities", "drop")))
					.as(where + ".capabilities.drop")
					.contains("ALL");
				assertThat(emptyDirMounts(deployment, container)).as(deployment + ": /tmp on an emptyDir")
					.contains("/tmp");
			}
		}
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void podsRunAsTheNumericUserOfTheirImage(Rendering rendering) {
		for (Manifest deployment : deployments(rendering)) {
			for (Map<?, ?> container : containers(deployment)) {
				Path dockerfile = Renderings.REPOSITORY.resolve("docker/" + container.get("name") + ".Dockerfile");
				Matcher user = USER.matcher(Kustomization.read(dockerfile));
				assertThat(user.find()).as(dockerfile + " has a numeric USER uid[:gid]").isTrue();
				Object runAsUser = Objects.requireNonNullElse(Manifest.dig(container, "securityContext", "runAsUser"),
						deployment.at("spec", "template", "spec", "securityContext", "runAsUser"));
				assertThat(runAsUser).as(deployment + " runAsUser = USER of " + dockerfile)
					.isEqualTo(Integer.parseInt(user.group(1)));
			}
		}
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void everyContainerHasCpuAndMemoryRequestsAndLimits(Rendering rendering) {
		for (Manifest deployment : deployments(rendering)) {
			for (Map<?, ?> container : containers(deployment)) {
				for (String bound : List.of("requests", "limits")) {
					for (String resource : List.of("cpu", "memory")) {
						assertThat(Manifest.dig(container, "resources", bound, resource))
							.as(deployment + " resources." + bound + "." + resource)
							.isNotNull();
					}
				}
			}
		}
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void everyDeploymentHasAPodDisruptionBudget(Rendering rendering) {
		for (Manifest deployment : deployments(rendering)) {
			Object labels = deployment.at("spec", "template", "metadata", "labels");
			assertThat(rendering.manifests()).filteredOn((manifest) -> manifest.kind().equals("PodDisruptionBudget"))
				.as("a PodDisruptionBudget selecting the pods of " + deployment)
				.anySatisfy((pdb) -> assertThat(Manifest.map(labels))
					.containsAllEntriesOf(Manifest.map(pdb.at("spec", "selector", "matchLabels"))));
		}
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void podsAreScrapedOnTheirActuatorPrometheusEndpoint(Rendering rendering) {
		for (Manifest deployment : deployments(rendering)) {
			Object annotations = deployment.at("spec", "template", "metadata", "annotations");
			assertThat(Manifest.dig(annotations, "prometheus.io/scrape")).as(deployment + " prometheus.io/scrape")
				.isEqualTo("true");
			assertThat(Manifest.dig(annotations, "prometheus.io/path")).as(deployment + " prometheus.io/path")
				.isEqualTo("/actuator/prometheus");
			assertThat(Manifest.dig(annotations, "prometheus.io/port")).as(deployment + " prometheus.io/port")
				.isEqualTo(String.valueOf(Manifest.dig(containers(deployment).get(0), "ports", 0, "containerPort")));
		}
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void workersAreCappedAtThePartitionsOfTheQueryTopic(Rendering rendering) {
		Manifest scaledObject = scaledObject(rendering);
		Map<String, Object> env = env(rendering, deployment(rendering, "sluice-worker"));
		assertThat(AppDefaults.INGRESS.integer("sluice", "topics", "partitions"))
			.as("both apps' default sluice.topics.partitions")
			.isEqualTo(AppDefaults.WORKER.integer("sluice", "topics", "partitions"));
		int partitions = Integer.parseInt(String.valueOf(env.getOrDefault("SLUICE_TOPICS_PARTITIONS",
				AppDefaults.WORKER.integer("sluice", "topics", "partitions"))));
		assertThat(env(rendering, deployment(rendering, "sluice-ingress")).get("SLUICE_TOPICS_PARTITIONS"))
			.as("both apps create sluice.queries with the same partitions")
			.isEqualTo(env.get("SLUICE_TOPICS_PARTITIONS"));
		assertThat(scaledObject.at("spec", "maxReplicaCount")).as(scaledObject + " maxReplicaCount")
			.isInstanceOf(Integer.class);
		assertThat((int) scaledObject.at("spec", "maxReplicaCount"))
			.as(scaledObject + " maxReplicaCount <= partitions of " + Topics.QUERIES)
			.isLessThanOrEqualTo(partitions);
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void workerConnectionsStayWithinTheDatabaseBudget(Rendering rendering) {
		Manifest scaledObject = scaledObject(rendering);
		Manifest worker = deployment(rendering, "sluice-worker");
		int poolSize = Integer.parseInt(String.valueOf(env(rendering, worker).getOrDefault("SLUICE_WORKER_POOL_SIZE",
				AppDefaults.WORKER.integer("sluice", "worker", "pool-size"))));
		Object budget = scaledObject.at("metadata", "annotations", BUDGET);
		assertThat(budget).as(scaledObject + " annotation " + BUDGET).isNotNull();
		Object surge = worker.at("spec", "strategy", "rollingUpdate", "maxSurge");
		assertThat(surge).as(worker + " rollingUpdate.maxSurge, a number of pods").isInstanceOf(Integer.class);
		int replicas = (int) scaledObject.at("spec", "maxReplicaCount") + (int) surge;
		assertThat(replicas * poolSize)
			.as("(maxReplicaCount + maxSurge) x pool size = %d x %d, within %s", replicas, poolSize, BUDGET)
			.isLessThanOrEqualTo(Integer.parseInt(String.valueOf(budget)));
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void workersScaleOnTheLagOfTheirConsumerGroup(Rendering rendering) {
		Manifest scaledObject = scaledObject(rendering);
		assertThat(scaledObject.at("spec", "scaleTargetRef", "name")).isEqualTo("sluice-worker");
		Object trigger = scaledObject.at("spec", "triggers", 0);
		assertThat(Manifest.dig(trigger, "type")).isEqualTo("kafka");
		assertThat(Manifest.dig(trigger, "metadata", "consumerGroup")).isEqualTo(Topics.WORKER_GROUP);
		assertThat(Manifest.dig(trigger, "metadata", "topic")).isEqualTo(Topics.QUERIES);
		assertThat(Manifest.dig(trigger, "metadata", "lagThreshold")).isNotNull();
		Object brokersFrom = Manifest.dig(trigger, "metadata", "bootstrapServersFromEnv");
		assertThat(env(rendering, deployment(rendering, "sluice-worker")))
			.as("KEDA reads the brokers from the worker's %s", brokersFrom)
			.containsKey(String.valueOf(brokersFrom));
		assertThat((int) scaledObject.at("spec", "minReplicaCount"))
			.as("at least one worker: the ingress is ready only once the workers hold the partitions")
			.isGreaterThanOrEqualTo(1);
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void aStoppingPodHasTimeToFinishItsShutdownPhase(Rendering rendering) {
		Map<String, AppDefaults> apps = Map.of("sluice-ingress", AppDefaults.INGRESS, "sluice-worker",
				AppDefaults.WORKER);
		apps.forEach((name, app) -> {
			Manifest deployment = deployment(rendering, name);
			List<?> sleep = (List<?>) Manifest.dig(containers(deployment).get(0), "lifecycle", "preStop", "exec",
					"command");
			assertThat(sleep).as(deployment + " preStop").hasSize(2).first().isEqualTo("sleep");
			long needed = Long.parseLong(String.valueOf(sleep.get(1)))
					+ app.duration("spring", "lifecycle", "timeout-per-shutdown-phase").toSeconds();
			assertThat((int) deployment.at("spec", "template", "spec", "terminationGracePeriodSeconds"))
				.as(deployment + " terminationGracePeriodSeconds > preStop + timeout-per-shutdown-phase (%d s)", needed)
				.isGreaterThan((int) needed);
		});
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void secretsAreReferencedNeverShipped(Rendering rendering) {
		assertThat(rendering.manifests()).as("Secrets are the operator's, not in a kustomization")
			.noneMatch((manifest) -> manifest.kind().equals("Secret"));
		Map<?, ?> worker = containers(deployment(rendering, "sluice-worker")).get(0);
		for (String variable : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
			assertThat(((List<?>) worker.get("env")).stream()
				.filter((entry) -> variable.equals(Manifest.dig(entry, "name")))
				.map((entry) -> Manifest.dig(entry, "valueFrom", "secretKeyRef", "name"))
				.toList()).as(variable + " from a secretKeyRef").containsExactly("sluice-database");
		}
		Manifest ingress = deployment(rendering, "sluice-ingress");
		Map<String, Object> env = env(rendering, ingress);
		assertThat(env).as(ingress + " runs with API keys").containsEntry("SLUICE_SECURITY_MODE", "keys");
		assertThat(String.valueOf(env.get("SLUICE_SECURITY_KEYS")))
			.as("the keys file is on the volume of Secret sluice-client-keys")
			.startsWith(secretMountPath(ingress, "sluice-client-keys") + "/");
	}

	@Test
	void theCatalogConfigMapIsTheDemoCatalog() {
		Manifest catalog = Renderings.render(Renderings.KUBERNETES.resolve("base"))
			.manifests()
			.stream()
			.filter((manifest) -> manifest.kind().equals("ConfigMap") && manifest.name().equals("sluice-catalog"))
			.findFirst()
			.orElseThrow();
		assertThat(catalog.at("data", "catalog.yml"))
			.as("base/catalog-configmap.yaml = common/src/main/resources/catalog/demo.yml")
			.isEqualTo(Kustomization.read(Renderings.REPOSITORY.resolve("common/src/main/resources/catalog/demo.yml")));
	}

	static List<Manifest> deployments(Rendering rendering) {
		List<Manifest> deployments = rendering.manifests()
			.stream()
			.filter((manifest) -> manifest.kind().equals("Deployment"))
			.toList();
		assertThat(deployments).as(rendering + " Deployments").hasSize(2);
		return deployments;
	}

	static Manifest deployment(Rendering rendering, String name) {
		return deployments(rendering).stream()
			.filter((deployment) -> deployment.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(rendering + " has no Deployment " + name));
	}

	static Manifest scaledObject(Rendering rendering) {
		return rendering.manifests()
			.stream()
			.filter((manifest) -> manifest.kind().equals("ScaledObject"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(rendering + " has no ScaledObject"));
	}

	static List<Map<?, ?>> containers(Manifest deployment) {
		List<?> containers = (List<?>) deployment.at("spec", "template", "spec", "containers");
		assertThat(containers).as(deployment + " containers").isNotEmpty();
		return containers.stream().<Map<?, ?>>map((container) -> (Map<?, ?>) container).toList();
	}

	/**
	 * The environment of a Deployment's first container: envFrom ConfigMaps, then env.
	 */
	static Map<String, Object> env(Rendering rendering, Manifest deployment) {
		Map<String, Object> env = new LinkedHashMap<>();
		Map<?, ?> container = containers(deployment).get(0);
		for (Object source : (List<?>) container.get("envFrom")) {
			Object name = Manifest.dig(source, "configMapRef", "name");
			rendering.manifests()
				.stream()
				.filter((manifest) -> manifest.kind().equals("ConfigMap") && manifest.name().equals(name))
				.findFirst()
				.ifPresent((configMap) -> ((Map<?, ?>) configMap.at("data"))
					.forEach((key, value) -> env.put(String.valueOf(key), value)));
		}
		for (Object entry : (List<?>) Objects.requireNonNullElse(container.get("env"), List.of())) {
			if (Manifest.dig(entry, "value") != null) {
				env.put(String.valueOf(Manifest.dig(entry, "name")), Manifest.dig(entry, "value"));
			}
		}
		return env;
	}

	private static List<Object> portNamesAndNumbers(Map<?, ?> container) {
		return ((List<?>) container.get("ports")).stream()
			.flatMap((port) -> java.util.stream.Stream.of(Manifest.dig(port, "name"),
					Manifest.dig(port, "containerPort")))
			.filter(Objects::nonNull)
			.toList();
	}

	private static List<Object> emptyDirMounts(Manifest deployment, Map<?, ?> container) {
		List<?> volumes = (List<?>) deployment.at("spec", "template", "spec", "volumes");
		return ((List<?>) container.get("volumeMounts")).stream()
			.filter((mount) -> volumes.stream()
				.anyMatch((volume) -> Objects.equals(Manifest.dig(volume, "name"), Manifest.dig(mount, "name"))
						&& Manifest.dig(volume, "emptyDir") != null))
			.map((mount) -> Manifest.dig(mount, "mountPath"))
			.toList();
	}

	private static String secretMountPath(Manifest deployment, String secret) {
		List<?> volumes = (List<?>) deployment.at("spec", "template", "spec", "volumes");
		Object volume = volumes.stream()
			.filter((candidate) -> secret.equals(Manifest.dig(candidate, "secret", "secretName")))
			.map((candidate) -> Manifest.dig(candidate, "name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " mounts no Secret " + secret));
		return ((List<?>) containers(deployment).get(0).get("volumeMounts")).stream()
			.filter((mount) -> volume.equals(Manifest.dig(mount, "name")))
			.map((mount) -> String.valueOf(Manifest.dig(mount, "mountPath")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " does not mount volume " + volume));
	}

}
