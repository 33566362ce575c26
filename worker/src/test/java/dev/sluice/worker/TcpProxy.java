package dev.sluice.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on 127.0.0.1 that can be cut: {@link #cut()} drops every open
 * connection and closes new ones as soon as they are accepted, as a database outage would
 * look to the worker; {@link #restore()} forwards again.
 * <p>
 * The listening socket stays bound throughout: releasing and re-binding its port races
 * with other processes on a busy machine, which may be handed the same port.
 */
public final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	public TcpProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofVirtual().start(this::accept);
	}

	public int port() {
		return this.server.getLocalPort();
	}

	public void cut() {
		this.cut = true;
		this.open.forEach(TcpProxy::closeQuietly);
		this.open.clear();
	}

	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(this.server);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					client.close();
					continue;
				}
				Socket target = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(target);
				Thread.ofVirtual().start(() -> pump(client, target));
				Thread.ofVirtual().start(() -> pump(target, client));
			}
			catch (IOException ex) {
				// Closed, or the target refused: the client sees a closed socket.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// One side went away; close both below.
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
