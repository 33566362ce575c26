package dev.sluice.ingress.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.Sha256;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys file, read at start-up and again whenever its content changes
 * ({@link #refresh()}, called every second): a revoked key stops working within about a
 * second of the file being saved, with no restart.
 * <p>
 * A file that cannot be read or parsed stops the start-up; later, it leaves the keys as
 * they were and logs why, once per change, so that a half-saved edit locks nobody out.
 * Thread-safe: the keys are swapped whole.
 */
final class ClientKeysFile implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ClientKeysFile.class);

	private final Path path;

	private final ClientKeysParser parser;

	private volatile ClientKeys keys;

	private byte @Nullable [] contentHash;

	private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(
			(task) -> Thread.ofPlatform().name("sluice-keys-file").daemon().unstarted(task));

	/**
	 * @param path the keys file
	 * @param catalogQueries the catalog's query names
	 * @param defaultQuota the quota of a client the file gives none
	 * @throws ClientKeysException if the file cannot be read or is not valid
	 */
	ClientKeysFile(Path path, Set<String> catalogQueries, Quota defaultQuota) {
		this.path = path;
		this.parser = new ClientKeysParser(path.getFileName().toString(), catalogQueries, defaultQuota);
		byte[] content = read();
		this.keys = this.parser.parse(new String(content, StandardCharsets.UTF_8));
		this.contentHash = Sha256.of(content);
		logger.info("Loaded {} key(s) of {} client(s) from {}", this.keys.size(), this.keys.clientNames().size(), path);
	}

	/**
	 * Read the file every second from now on.
	 * @return this file
	 */
	ClientKeysFile watch() {
		this.watch.scheduleWithFixedDelay(this::refresh, 1, 1, TimeUnit.SECONDS);
		return this;
	}

	@Override
	public void close() {
		this.watch.shutdownNow();
	}

	/**
	 * @return the keys as last read successfully
	 */
	ClientKeys keys() {
		return this.keys;
	}

	/**
	 * Read the file again, and take its keys if its content changed and is valid.
	 */
	synchronized void refresh() {
		byte[] content;
		try {
			content = read();
		}
		catch (ClientKeysException ex) {
			// Logged when it becomes unreadable, not every second.
			if (this.contentHash != null) {
				logger.warn("{}; the keys loaded before stay in use", ex.getMessage());
			}
			this.contentHash = null;
			return;
		}
		byte[] hash = Sha256.of(content);
		if (Arrays.equals(hash, this.contentHash)) {
			return;
		}
		this.contentHash = hash;
		try {
			ClientKeys reloaded = this.parser.parse(new String(content, StandardCharsets.UTF_8));
			this.keys = reloaded;
			logger.info("Reloaded {}: {} key(s) of {} client(s)", this.path, reloaded.size(),
					reloaded.clientNames().size());
		}
		catch (ClientKeysException ex) {
			logger.warn("{}; the keys loaded before stay in use until the file is fixed", ex.getMessage());
		}
	}

	private byte[] read() {
		try {
			return Files.readAllBytes(this.path);
		}
		catch (IOException ex) {
			throw new ClientKeysException("keys file " + this.path + " cannot be read (" + ex
					+ "); set sluice.security.keys to a readable keys file, or sluice.security.mode=open to run "
					+ "without keys", ex);
		}
	}

}
