package dev.sluice.ingress.clients;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.sluice.contract.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * The keys of every client, as SHA-256 hashes: what a presented key is checked against.
 * <p>
 * A presented key is hashed and compared with every stored hash by
 * {@link MessageDigest#isEqual}, which takes the same time whatever the bytes, and the
 * loop does not stop at a match: the time a check takes says nothing about how close a
 * guess came, nor which client matched.
 * <p>
 * Immutable; a changed keys file gives a new instance.
 */
final class ClientKeys {

	private final List<Key> keys;

	private final Map<String, Client> clients;

	/**
	 * @param keys every key's hash and the client it names; a hash appears once
	 */
	ClientKeys(List<Key> keys) {
		this.keys = List.copyOf(keys);
		this.clients = keys.stream()
			.map(Key::client)
			.collect(Collectors.toUnmodifiableMap(Client::name, Function.identity(), (first, same) -> first));
	}

	/**
	 * @param presented the key the caller sent
	 * @return the client it names, or {@code null} if it names none
	 */
	@Nullable Client authenticate(String presented) {
		byte[] hash = Sha256.of(presented);
		Client found = null;
		for (Key key : this.keys) {
			if (MessageDigest.isEqual(key.sha256(), hash)) {
				found = key.client();
			}
		}
		return found;
	}

	/**
	 * @return the names of the clients, the bounded set a metric may label by
	 */
	Set<String> clientNames() {
		return this.clients.keySet();
	}

	/**
	 * @param name a client's name
	 * @return that client, or {@code null} if no key names it
	 */
	@Nullable Client named(String name) {
		return this.clients.get(name);
	}

	/**
	 * @return how many keys there are
	 */
	int size() {
		return this.keys.size();
	}

	/**
	 * One key.
	 *
	 * @param sha256 the SHA-256 of the key's UTF-8 bytes
	 * @param client the client it names
	 */
	record Key(byte[] sha256, Client client) {

		@Override
		public String toString() {
			// Never the hash: it must not reach a log.
			return "Key[client=" + this.client.name() + "]";
		}

	}

}
