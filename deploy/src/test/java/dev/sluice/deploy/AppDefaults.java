package dev.sluice.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The defaults the apps ship in their application.yml, for comparison with what the
 * manifests configure.
 */
record AppDefaults(Map<String, Object> yaml) {

	static final AppDefaults INGRESS = load("ingress-api");

	static final AppDefaults WORKER = load("worker");

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

	static AppDefaults load(String module) {
		return new AppDefaults(Kustomization
			.loadOne(Renderings.REPOSITORY.resolve(Path.of(module, "src/main/resources/application.yml"))));
	}

	Object value(String... path) {
		Object value = Manifest.dig(this.yaml, (Object[]) path);
		if (value == null) {
			throw new IllegalStateException("application.yml has no " + String.join(".", path));
		}
		return value;
	}

	int integer(String... path) {
		return Integer.parseInt(String.valueOf(value(path)));
	}

	Duration duration(String... path) {
		return parse(String.valueOf(value(path)));
	}

	static Duration parse(String text) {
		Matcher matcher = DURATION.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a duration like 40s: " + text);
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			default -> Duration.ofMinutes(amount);
		};
	}

}
