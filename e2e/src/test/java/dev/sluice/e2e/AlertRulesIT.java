package dev.sluice.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks {@code dashboards/} with Prometheus's own {@code promtool}: the rule files and
 * both scrape configurations load, the rules' unit tests pass, every alert is tested both
 * firing and silent and leads to its section of the runbook, and every dashboard panel
 * asks the project's datasource valid PromQL over series that are really recorded.
 */
class AlertRulesIT {

	private static final Path DASHBOARDS = BuiltApps.repository().resolve("dashboards");

	private static final Path RULES = DASHBOARDS.resolve("rules");

	private static final String DATASOURCE_UID = "sluice-prometheus";

	/** A series written by a recording rule: {@code level:metric:operations}. */
	private static final Pattern RECORDED_SERIES = Pattern.compile("\\b[a-z_]+:[a-z0-9_:]*[a-z0-9_]");

	@Test
	void ruleFilesLoad() {
		promtool("check", "rules", files(RULES, "*.yml"));
	}

	@Test
	void ruleUnitTestsPass() {
		promtool("test", "rules", files(RULES.resolve("tests"), "*.yml"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "prometheus.yml", "prometheus-compose.yml" })
	void scrapeConfigurationLoadsWithItsRules(String configuration) {
		String output = promtool("check", "config", List.of(DASHBOARDS.resolve(configuration).toString()));
		assertThat(output).contains("rules/alerts.yml", "rules/recording.yml");
	}

	@Test
	void everyAlertHasAFiringAndASilentUnitTest() {
		Set<String> alerts = alertRules().stream()
			.map((rule) -> (String) rule.get("alert"))
			.collect(Collectors.toCollection(TreeSet::new));
		Set<String> firing = new TreeSet<>();
		Set<String> silent = new TreeSet<>();
		for (String file : files(RULES.resolve("tests"), "*.yml")) {
			for (Map<String, Object> test : list(yaml(Path.of(file)), "tests")) {
				for (Map<String, Object> alertTest : list(test, "alert_rule_test")) {
					List<?> expected = (List<?>) alertTest.get("exp_alerts");
					((expected == null || expected.isEmpty()) ? silent : firing)
						.add((String) alertTest.get("alertname"));
				}
			}
		}
		assertThat(firing).as("alerts with a unit test where they fire").containsAll(alerts);
		assertThat(silent).as("alerts with a unit test where they stay silent").containsAll(alerts);
		// promtool passes a test that expects silence from an alert that does not exist.
		assertThat(alerts).as("alerts defined in rules/*.yml").containsAll(firing).containsAll(silent);
	}

	@Test
	void everyAlertHasASeverityAndARunbookSection() throws IOException {
		Set<String> anchors = headingAnchors(DASHBOARDS.resolve("RUNBOOK.md"));
		List<Map<String, Object>> alerts = alertRules();
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> rule : alerts) {
			String name = (String) rule.get("alert");
			String anchor = name.toLowerCase(Locale.ROOT);
			Object severity = map(rule, "labels").get("severity");
			if (!List.of("critical", "warning").contains(severity)) {
				problems.add(name + " has severity " + severity + ", not critical or warning");
			}
			Map<String, Object> annotations = map(rule, "annotations");
			for (String annotation : List.of("summary", "description")) {
				if (annotations.get(annotation) == null) {
					problems.add(name + " has no annotation " + annotation);
				}
			}
			String runbook = "dashboards/RUNBOOK.md#" + anchor;
			if (!runbook.equals(annotations.get("runbook_url"))) {
				problems.add(name + " has runbook_url " + annotations.get("runbook_url") + ", not " + runbook);
			}
			if (!anchors.contains(anchor)) {
				problems.add("RUNBOOK.md has no section '## " + name + "'");
			}
		}
		assertThat(alerts).as("alerts in rules/alerts.yml").isNotEmpty();
		assertThat(problems).isEmpty();
	}

	@Test
	void everyDashboardPanelQueriesTheProjectDatasourceWithValidPromQL(@TempDir Path temp) throws IOException {
		Set<String> recorded = recordingRules().stream()
			.map((rule) -> (String) rule.get("record"))
			.collect(Collectors.toSet());
		List<String> problems = new ArrayList<>();
		List<Map<String, Object>> queries = new ArrayList<>();
		for (String file : files(DASHBOARDS.resolve("grafana/dashboards"), "*.json")) {
			String dashboardName = Path.of(file).getFileName().toString().replace(".json", "");
			JsonNode dashboard = JsonMapper.shared().readTree(Files.readString(Path.of(file)));
			for (JsonNode variable : dashboard.path("templating").path("list")) {
				requireDatasource(variable, dashboardName + " variable " + variable.path("name").asString(), problems);
			}
			for (JsonNode panel : dashboard.path("panels")) {
				String where = dashboardName + " panel '" + panel.path("title").asString() + "'";
				requireDatasource(panel, where, problems);
				if (panel.path("targets").isEmpty()) {
					problems.add(where + " has no targets");
				}
				for (JsonNode target : panel.path("targets")) {
					requireDatasource(target, where + " target " + target.path("refId").asString(), problems);
					String expr = withVariablesFilledIn(target.path("expr").asString(), dashboard);
					Set<String> unknown = recordedSeries(expr);
					unknown.removeAll(recorded);
					if (!unknown.isEmpty()) {
						problems.add(where + " reads series that no rule records: " + unknown);
					}
					// Named after the panel, so that promtool's complaint says which one.
					String record = "dashboard:" + dashboardName.replace('-', '_') + "_panel_"
							+ panel.path("id").asInt() + "_" + target.path("refId").asString();
					queries.add(Map.of("record", record, "expr", expr));
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(queries).as("panel queries").isNotEmpty();
		// promtool cannot check a bare expression, but it parses every recording rule.
		Path rules = temp.resolve("panel-queries.yml");
		Files.writeString(rules,
				new Yaml().dump(Map.of("groups", List.of(Map.of("name", "panels", "rules", queries)))));
		promtool("check", "rules", List.of(rules.toString()));
	}

	private static void requireDatasource(JsonNode node, String where, List<String> problems) {
		String uid = node.path("datasource").path("uid").asString();
		if (!DATASOURCE_UID.equals(uid)) {
			problems.add(where + " uses datasource uid '" + uid + "', not " + DATASOURCE_UID);
		}
	}

	/** Grafana fills in template variables; any value of the right shape parses. */
	private static String withVariablesFilledIn(String expr, JsonNode dashboard) {
		String filled = expr;
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			String name = variable.path("name").asString();
			filled = filled.replace("${" + name + "}", "sample").replace("$" + name, "sample");
		}
		return filled;
	}

	private static Set<String> recordedSeries(String expr) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = RECORDED_SERIES.matcher(expr);
		while (matcher.find()) {
			names.add(matcher.group());
		}
		return names;
	}

	/**
	 * The anchors a Markdown renderer gives the headings, e.g. {@code ## Foo Bar} to
	 * {@code foo-bar}.
	 */
	private static Set<String> headingAnchors(Path markdown) throws IOException {
		try (Stream<String> lines = Files.lines(markdown)) {
			return lines.filter((line) -> line.startsWith("#"))
				.map((line) -> line.replaceFirst("^#+\\s*", "")
					.toLowerCase(Locale.ROOT)
					.replaceAll("[^a-z0-9 _-]", "")
					.replace(' ', '-'))
				.collect(Collectors.toSet());
		}
	}

	private static List<Map<String, Object>> alertRules() {
		return rules(RULES.resolve("alerts.yml"));
	}

	private static List<Map<String, Object>> recordingRules() {
		return rules(RULES.resolve("recording.yml"));
	}

	private static List<Map<String, Object>> rules(Path file) {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (Map<String, Object> group : list(yaml(file), "groups")) {
			rules.addAll(list(group, "rules"));
		}
		return rules;
	}

	private static Map<String, Object> yaml(Path file) {
		try {
			return new Yaml().load(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> node, String key) {
		List<Map<String, Object>> list = (List<Map<String, Object>>) node.get(key);
		return (list != null) ? list : List.of();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> node, String key) {
		Map<String, Object> map = (Map<String, Object>) node.get(key);
		return (map != null) ? map : Map.of();
	}

	private static List<String> files(Path directory, String glob) {
		List<String> files = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
			stream.forEach((file) -> files.add(file.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
		assertThat(files).as(directory + "/" + glob).isNotEmpty();
		files.sort(null);
		return files;
	}

	/**
	 * Run promtool in {@code dashboards/} and fail with its output unless it succeeds.
	 * @return what promtool printed
	 */
	private static String promtool(String command, String subcommand, List<String> files) {
		List<String> commandLine = new ArrayList<>(List.of(promtoolExecutable().toString(), command, subcommand));
		commandLine.addAll(files);
		try {
			Path log = Files.createTempFile("promtool-", ".log");
			try {
				Process process = new ProcessBuilder(commandLine).directory(DASHBOARDS.toFile())
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				boolean finished = process.waitFor(2, TimeUnit.MINUTES);
				if (!finished) {
					process.destroyForcibly();
				}
				String output = Files.readString(log);
				assertThat(finished).as("promtool %s %s finished within 2 minutes:%n%s", command, subcommand, output)
					.isTrue();
				assertThat(process.exitValue()).as("promtool %s %s:%n%s", command, subcommand, output).isZero();
				return output;
			}
			finally {
				Files.deleteIfExists(log);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + commandLine, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running " + commandLine, ex);
		}
	}

	private static Path promtoolExecutable() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.map((directory) -> Path.of(directory, "promtool"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseGet(() -> fail("promtool is not on the PATH (%s): install Debian's prometheus package "
					+ "(apt-get install prometheus) and keep its service stopped", path));
	}

}
