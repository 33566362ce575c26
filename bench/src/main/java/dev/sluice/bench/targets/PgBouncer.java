package dev.sluice.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.bench.process.Tools;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.devstack.process.Probe;
import dev.sluice.devstack.process.Readiness;

/**
 * PgBouncer (Debian package {@code pgbouncer}) on a free loopback port, in transaction
 * pooling mode, in front of the demo database.
 */
final class PgBouncer implements AutoCloseable {

	private final ChildProcess process;

	private final int port;

	private final String database;

	private PgBouncer(ChildProcess process, int port, String database) {
		this.process = process;
		this.port = port;
		this.database = database;
	}

	/**
	 * @param database the database to pool connections to
	 * @param serverPoolSize the most server connections PgBouncer opens to it
	 * @param logs where the configuration and the log go
	 * @return the started PgBouncer, accepting connections
	 */
	static PgBouncer start(Database database, int serverPoolSize, Path logs) {
		Path executable = Tools.require("pgbouncer", "pgbouncer");
		int port = GatewayTarget.freePort();
		Path directory = logs.resolve("pgbouncer");
		try {
			Files.createDirectories(directory);
			// As root, PgBouncer drops to the postgres user, which must read and write
			// here.
			Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
			Path users = write(directory.resolve("users.txt"),
					"\"" + database.user() + "\" \"" + database.password() + "\"\n");
			Path ini = write(directory.resolve("pgbouncer.ini"), ini(database, serverPoolSize, port, directory, users));
			List<String> command = new ArrayList<>(List.of(executable.toString()));
			if (Tools.runningAsRoot()) {
				command.addAll(List.of("-u", "postgres"));
			}
			command.add(ini.toString());
			ChildProcess process = ChildProcess.builder("pgbouncer", command).port(port).logTo(logs).start();
			try {
				Readiness.within(Duration.ofSeconds(15))
					.every(Duration.ofMillis(100))
					.await(process, Probe.listening(port));
			}
			catch (RuntimeException ex) {
				process.close();
				throw ex;
			}
			return new PgBouncer(process, port, database.name());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot configure PgBouncer in " + directory, ex);
		}
	}

	private static String ini(Database database, int serverPoolSize, int port, Path directory, Path users) {
		return """
				[databases]
				%1$s = host=%2$s port=%3$d dbname=%1$s

				[pgbouncer]
				listen_addr = 127.0.0.1
				listen_port = %4$d
				unix_socket_dir =
				auth_type = trust
				auth_file = %5$s
				pool_mode = transaction
				default_pool_size = %6$d
				max_db_connections = %6$d
				reserve_pool_size = 0
				max_client_conn = 2000
				ignore_startup_parameters = extra_float_digits,options
				logfile = %7$s
				pidfile = %8$s
				log_connections = 0
				log_disconnections = 0
				""".formatted(database.name(), database.server().host(), database.server().port(), port, users,
				serverPoolSize, directory.resolve("pgbouncer.log"), directory.resolve("pgbouncer.pid"));
	}

	private static Path write(Path file, String content) throws IOException {
		Files.writeString(file, content);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
		return file;
	}

	/**
	 * @return PgBouncer's process id (it runs in the foreground, so the one started)
	 */
	long pid() {
		return this.process.pid();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + this.database;
	}

	@Override
	public void close() {
		this.process.close();
	}

}
