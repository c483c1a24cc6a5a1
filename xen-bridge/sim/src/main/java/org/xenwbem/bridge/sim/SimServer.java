package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The simulator's Jetty server: one connector for the pool endpoint and, optionally, one per pool
 * member bound to that member's own loopback address (127.0.0.2, 127.0.0.3, …) on the same port, as
 * every real host listens on the same port. Knows which endpoint each request came through.
 */
final class SimServer {
    /** Bytes per read of a request body: large, as xapi's own disk import reads in large blocks. */
    static final int INPUT_BUFFER = 256 << 10;
    /**
     * Direct memory the buffer pool may keep: an input buffer for each of the pool's threads and then
     * some. Jetty's default pool keeps nothing above 64 KiB, so every request on a kept-alive connection
     * took a fresh 256 KiB direct buffer, freed only by a collection: under 64 soak clients the direct
     * memory limit was reached every few seconds and the JDK called System.gc() (a 0.3-0.5 s full
     * collection of the simulated database) in the middle of xapi calls. xapi has no such stall.
     */
    static final long POOLED_DIRECT = 96L * INPUT_BUFFER;
    private static final int THREADS = 64;

    private static final int BIND_ATTEMPTS = 5;

    private final Map<Connector, SimEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<SimEndpoint, String> stopped = new ConcurrentHashMap<>();
    private Server server;
    private int port;

    /** Maps a request to the endpoint it arrived on. */
    Function<Request, SimEndpoint> endpointOf() {
        return r -> endpoints.getOrDefault(r.getConnectionMetaData().getConnector(), SimEndpoint.POOL);
    }

    /**
     * Binds {@code main} on {@code host:port} and each {@code members} entry (endpoint → address) on
     * the same port, then starts. With port 0, a port that is free on every address is searched.
     * Returns the port.
     */
    int start(Handler handler, String host, int requestedPort, SimEndpoint main, Map<SimEndpoint, String> members) {
        QueuedThreadPool threads = new QueuedThreadPool(THREADS, 4);
        threads.setName("sim-xapi");
        threads.setDaemon(true);
        Server s = new Server(threads, null, bufferPool());
        s.setHandler(handler);
        s.setStopTimeout(0);
        List<ServerConnector> bound = bind(s, host, requestedPort, main, members);
        bound.forEach(s::addConnector);
        try {
            s.start();
        } catch (Exception e) {
            // Jetty's start() declares Exception; the connectors are already bound, so this is rare
            throw new IllegalStateException("cannot start the simulator on " + host + ":" + port, e);
        }
        server = s;
        return port;
    }

    /** Buffers up to {@link #INPUT_BUFFER} are kept for the next request (Jetty's default keeps up to 64 KiB). */
    static ArrayByteBufferPool bufferPool() {
        return new ArrayByteBufferPool(0, -1, INPUT_BUFFER, -1, 0, POOLED_DIRECT);
    }

    /** The server's buffer pool, for tests (null before {@link #start}). */
    ByteBufferPool buffers() {
        Server s = server;
        return s == null ? null : s.getByteBufferPool();
    }

    private List<ServerConnector> bind(Server s, String host, int requestedPort, SimEndpoint main,
                                       Map<SimEndpoint, String> members) {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            List<ServerConnector> bound = new ArrayList<>();
            try {
                ServerConnector first = open(s, host, requestedPort, main, bound);
                port = first.getLocalPort();
                for (Map.Entry<SimEndpoint, String> m : members.entrySet()) {
                    open(s, m.getValue(), port, m.getKey(), bound);
                }
                return bound;
            } catch (IOException e) {
                last = e;
                bound.forEach(c -> {
                    c.close();
                    endpoints.remove(c);
                });
                if (requestedPort != 0) {
                    break;
                }
            }
        }
        throw new IllegalStateException("cannot bind the simulator on " + host + ":" + requestedPort
                + (members.isEmpty() ? "" : " and its member addresses"), last);
    }

    private ServerConnector open(Server s, String host, int port, SimEndpoint endpoint, List<ServerConnector> bound)
            throws IOException {
        ServerConnector c = new ServerConnector(s, 1, 1);
        // a disk import arrives in reads of this size (Jetty's 8 KiB default: 262,144 reads for 2 GiB)
        c.getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class).getHttpConfiguration()
                .setInputBufferSize(INPUT_BUFFER);
        c.setHost(host);
        c.setPort(port);
        c.open();
        bound.add(c);
        endpoints.put(c, endpoint);
        return c;
    }

    /** Closes every open client connection (a simulated xapi restart). */
    void cutConnections() {
        Server s = server;
        if (s == null) {
            return;
        }
        for (Connector c : s.getConnectors()) {
            for (EndPoint ep : c.getConnectedEndPoints()) {
                ep.close();
            }
        }
    }

    /** Stops listening for {@code endpoint} and closes its connections (clients see connection refused). */
    synchronized void stopEndpoint(SimEndpoint endpoint) {
        for (Map.Entry<Connector, SimEndpoint> e : endpoints.entrySet()) {
            if (e.getValue().equals(endpoint) && e.getKey() instanceof ServerConnector c) {
                String address = c.getHost();
                c.close(); // no new connection from here on
                List<EndPoint> open = new ArrayList<>(c.getConnectedEndPoints());
                open.forEach(EndPoint::close); // kept-alive ones included: a client must not wait on them
                try {
                    c.stop();
                } catch (Exception ex) {
                    // Jetty's stop() declares Exception; the socket and connections are already closed
                    throw new IllegalStateException("cannot stop the endpoint on " + address, ex);
                }
                server.removeConnector(c);
                endpoints.remove(c);
                stopped.put(endpoint, address);
            }
        }
    }

    /** Listens for a stopped {@code endpoint} again, on its address and the pool's port. */
    synchronized void reopenEndpoint(SimEndpoint endpoint) {
        String address = stopped.remove(endpoint);
        Server s = server;
        if (address == null || s == null) {
            return;
        }
        try {
            ServerConnector c = open(s, address, port, endpoint, new ArrayList<>());
            s.addConnector(c);
            c.start();
        } catch (Exception e) {
            // Jetty's start() declares Exception
            throw new IllegalStateException("cannot listen on " + address + ":" + port + " again", e);
        }
    }

    void stop() {
        Server s = server;
        server = null;
        if (s == null) {
            return;
        }
        try {
            s.stop();
        } catch (Exception e) {
            // Jetty's stop() declares Exception; nothing useful is left to do at shutdown
            throw new IllegalStateException("simulator did not stop cleanly", e);
        }
    }
}
