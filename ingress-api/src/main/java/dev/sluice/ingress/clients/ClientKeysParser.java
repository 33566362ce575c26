package dev.sluice.ingress.clients;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.sluice.contract.Sha256;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the keys file, a YAML document beside the catalog:
 *
 * <pre>{@code
 * clients:
 *   reporting:                     # the client's name: letters, digits, '_' and '-'
 *     keys:                        # one or more, so that a key can be rotated
 *       - sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
 *     queries: [customer_orders]   # optional: every catalog query when absent
 *     quota:                       # optional, and so is each field: sluice.security.quota.*
 *       rate: 20                   # submissions per second, on average
 *       burst: 40                  # submissions at once after a quiet spell
 *       maxInFlight: 100           # queries queued or running at once
 * }</pre>
 *
 * Only the SHA-256 of each key is stored ({@code printf %s "$key" | sha256sum}). Anything
 * it does not understand is refused with a message that names the client and the field;
 * no message quotes a hash.
 */
final class ClientKeysParser {

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

	private static final Pattern SHA256 = Pattern.compile(Pattern.quote(Sha256.KEYS_FILE_PREFIX) + "[0-9a-fA-F]{64}");

	private static final Set<String> CLIENT_FIELDS = Set.of("keys", "queries", "quota");

	private static final Set<String> QUOTA_FIELDS = Set.of("rate", "burst", "maxInFlight");

	private final String source;

	private final Set<String> catalogQueries;

	private final Quota defaultQuota;

	/**
	 * @param source the file's name, for messages
	 * @param catalogQueries the catalog's query names: a client may be scoped to these
	 * only
	 * @param defaultQuota the quota of a client, or the part of it, the file leaves out
	 */
	ClientKeysParser(String source, Set<String> catalogQueries, Quota defaultQuota) {
		this.source = source;
		this.catalogQueries = catalogQueries;
		this.defaultQuota = defaultQuota;
	}

	ClientKeys parse(String yaml) {
		Object document;
		try {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw new ClientKeysException("keys file " + this.source + ": not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(document instanceof Map<?, ?> root) || !(root.get("clients") instanceof Map<?, ?> clients)
				|| root.size() != 1) {
			throw new ClientKeysException(
					"keys file " + this.source + ": expected one top-level 'clients:' mapping and nothing else");
		}
		if (clients.isEmpty()) {
			throw new ClientKeysException("keys file " + this.source + ": 'clients' is empty");
		}
		List<ClientKeys.Key> keys = new ArrayList<>();
		Set<String> hashes = new LinkedHashSet<>();
		clients.forEach((name, body) -> {
			String where = "keys file " + this.source + ": client '" + name + "': ";
			for (ClientKeys.Key key : client(where, String.valueOf(name), body)) {
				if (!hashes.add(HexFormat.of().formatHex(key.sha256()))) {
					throw new ClientKeysException(where + "keys: a key is listed twice in the file");
				}
				keys.add(key);
			}
		});
		return new ClientKeys(keys);
	}

	private List<ClientKeys.Key> client(String where, String name, @Nullable Object body) {
		if (!NAME.matcher(name).matches()) {
			throw new ClientKeysException(
					where + "the name must start with a letter and hold only letters, digits, '_' and '-'");
		}
		if (name.equals(Client.OPEN.name())) {
			throw new ClientKeysException(
					where + "'" + name + "' is the name of every caller of an open ingress; choose another");
		}
		if (!(body instanceof Map<?, ?> fields)) {
			throw new ClientKeysException(
					where + "expected a mapping with 'keys' and, optionally, 'queries' and 'quota'");
		}
		for (Object field : fields.keySet()) {
			if (!CLIENT_FIELDS.contains(String.valueOf(field))) {
				throw new ClientKeysException(
						where + "unknown field '" + field + "'; expected one of " + sorted(CLIENT_FIELDS));
			}
		}
		Client client = new Client(name, queries(where, fields.get("queries")), quota(where, fields.get("quota")));
		if (!(fields.get("keys") instanceof List<?> listed) || listed.isEmpty()) {
			throw new ClientKeysException(where + "keys: a list of at least one 'sha256:<64 hex digits>' is required");
		}
		List<ClientKeys.Key> keys = new ArrayList<>();
		for (int i = 0; i < listed.size(); i++) {
			if (!(listed.get(i) instanceof String text) || !SHA256.matcher(text).matches()) {
				// Never quote the value: it may be a key pasted by mistake.
				throw new ClientKeysException(where + "keys[" + i + "]: must be 'sha256:' followed by the 64 hex "
						+ "digits of the key's SHA-256 (printf %s \"$key\" | sha256sum); the key itself is never stored");
			}
			keys.add(new ClientKeys.Key(HexFormat.of().parseHex(text.substring(Sha256.KEYS_FILE_PREFIX.length())),
					client));
		}
		return keys;
	}

	private Set<String> queries(String where, @Nullable Object value) {
		if (value == null) {
			return Set.of();
		}
		if (!(value instanceof List<?> names) || names.isEmpty()) {
			throw new ClientKeysException(
					where + "queries: a non-empty list of catalog query names, or absent for all");
		}
		Set<String> queries = new LinkedHashSet<>();
		for (Object name : names) {
			if (!this.catalogQueries.contains(String.valueOf(name))) {
				throw new ClientKeysException(where + "queries: '" + name + "' is not a catalog query; the catalog has "
						+ this.catalogQueries.stream().sorted().toList());
			}
			queries.add(String.valueOf(name));
		}
		return queries;
	}

	private Quota quota(String where, @Nullable Object value) {
		if (value == null) {
			return this.defaultQuota;
		}
		if (!(value instanceof Map<?, ?> fields)) {
			throw new ClientKeysException(where + "quota: expected a mapping of " + sorted(QUOTA_FIELDS));
		}
		for (Object field : fields.keySet()) {
			if (!QUOTA_FIELDS.contains(String.valueOf(field))) {
				throw new ClientKeysException(
						where + "quota: unknown field '" + field + "'; expected one of " + sorted(QUOTA_FIELDS));
			}
		}
		double rate = (fields.get("rate") != null) ? positive(where + "quota.rate", fields.get("rate"))
				: this.defaultQuota.rate();
		return new Quota(rate, count(where + "quota.burst", fields.get("burst"), this.defaultQuota.burst()),
				count(where + "quota.maxInFlight", fields.get("maxInFlight"), this.defaultQuota.maxInFlight()));
	}

	private static double positive(String field, Object value) {
		if (!(value instanceof Number number) || !(number.doubleValue() > 0)
				|| Double.isInfinite(number.doubleValue())) {
			throw new ClientKeysException(field + ": must be a number of submissions per second above 0, not " + value);
		}
		return number.doubleValue();
	}

	private static int count(String field, @Nullable Object value, int otherwise) {
		if (value == null) {
			return otherwise;
		}
		if (!(value instanceof Integer number) || number < 1) {
			throw new ClientKeysException(field + ": must be a whole number of at least 1, not " + value);
		}
		return number;
	}

	private static List<String> sorted(Set<String> names) {
		return names.stream().sorted().toList();
	}

}
