package dev.sluice.bench.targets;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.bench.cpu.Role;
import dev.sluice.bench.cpu.WatchedProcess;
import dev.sluice.bench.gateway.SyncGateway;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.devstack.process.Probe;
import dev.sluice.devstack.process.Readiness;
import org.jspecify.annotations.Nullable;

/**
 * The synchronous gateway in a JVM of its own, either straight on PostgreSQL
 * ({@code direct}) or through PgBouncer ({@code pgbouncer}).
 */
public final class GatewayTarget implements Target {

	/** Every app JVM of every target gets the same heap. */
	static final String HEAP = "-Xmx1g";

	private final String name;

	private final ChildProcess gateway;

	private final @Nullable PgBouncer bouncer;

	private final int port;

	private final int connectionBudget;

	private GatewayTarget(String name, ChildProcess gateway, @Nullable PgBouncer bouncer, int port,
			int connectionBudget) {
		this.name = name;
		this.gateway = gateway;
		this.bouncer = bouncer;
		this.port = port;
		this.connectionBudget = connectionBudget;
	}

	/**
	 * The gateway straight on the database.
	 * @param database where the demo data is
	 * @param poolSize the gateway's pool size (the naive deployment: 100)
	 * @param logs where process logs go
	 * @return the started target
	 */
	public static GatewayTarget direct(Database database, int poolSize, Path logs) {
		return start("direct", database.jdbcUrl(), database, poolSize, null, poolSize, logs);
	}

	/**
	 * The same gateway, its connections multiplexed by PgBouncer in transaction mode onto
	 * a server pool as large as Sluice's whole worker pool.
	 * @param database where the demo data is
	 * @param poolSize the gateway's pool size (to PgBouncer)
	 * @param serverPoolSize PgBouncer's connections to PostgreSQL
	 * @param logs where process and PgBouncer logs go
	 * @return the started target
	 */
	public static GatewayTarget throughPgBouncer(Database database, int poolSize, int serverPoolSize, Path logs) {
		PgBouncer bouncer = PgBouncer.start(database, serverPoolSize, logs);
		try {
			// PgBouncer 1.18 cannot keep server-side prepared statements across
			// transactions: the driver must not switch to them.
			String url = bouncer.jdbcUrl() + "?prepareThreshold=0";
			return start("pgbouncer", url, database, poolSize, bouncer, serverPoolSize, logs);
		}
		catch (RuntimeException ex) {
			bouncer.close();
			throw ex;
		}
	}

	private static GatewayTarget start(String name, String jdbcUrl, Database database, int poolSize,
			@Nullable PgBouncer bouncer, int connectionBudget, Path logs) {
		int port = freePort();
		ChildProcess gateway = ChildProcess.builder(name + "-gateway",
				ChildProcess.java(HEAP, "-cp", System.getProperty("java.class.path"), SyncGateway.class.getName(),
						Integer.toString(port), jdbcUrl, database.user(), database.password(),
						Integer.toString(poolSize)))
			.port(port)
			.logTo(logs)
			.start();
		try {
			Readiness.within(Duration.ofSeconds(60))
				.await(gateway, Probe.http(URI.create(gateway.baseUrl() + "/health")));
		}
		catch (RuntimeException ex) {
			gateway.close();
			throw ex;
		}
		return new GatewayTarget(name, gateway, bouncer, port, connectionBudget);
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free loopback port: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	@Override
	public ClientMode clientMode() {
		return ClientMode.REQUEST;
	}

	@Override
	public List<WatchedProcess> processes() {
		List<WatchedProcess> processes = new ArrayList<>(
				List.of(WatchedProcess.single("gateway", Role.GATEWAY, this.gateway.pid())));
		if (this.bouncer != null) {
			processes.add(WatchedProcess.single("pgbouncer", Role.POOLER, this.bouncer.pid()));
		}
		return processes;
	}

	@Override
	public List<String> executionMetricsUrls() {
		return List.of(baseUrl() + "/metrics");
	}

	@Override
	public String executionMetric() {
		return SyncGateway.EXECUTIONS_METRIC;
	}

	@Override
	public int connectionBudget() {
		return this.connectionBudget;
	}

	@Override
	public void close() {
		this.gateway.close();
		if (this.bouncer != null) {
			this.bouncer.close();
		}
	}

}
