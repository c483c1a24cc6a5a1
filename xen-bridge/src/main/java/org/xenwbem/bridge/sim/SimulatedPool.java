package org.xenwbem.bridge.sim;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A simulated XenAPI pool served over HTTP. Build it, {@link #start} it on a loopback port, point
 * clients at the returned URL, drive it through {@link #state()}, read {@link #callCount}, and
 * {@link #close()} it. State is deterministic for a seed; session refs are not.
 *
 * <pre>{@code
 * try (SimulatedPool pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build()) {
 *     URI url = pool.start("127.0.0.1", 0);
 *     pool.state().setVmPowerState(uuid, PowerState.Halted);
 * }
 * }</pre>
 */
public final class SimulatedPool implements AutoCloseable {
    private final SimDatabase db;
    private final SimState state;
    private final SimTasks tasks;
    private final SimDispatcher dispatcher;
    private final SimCounters counters = new SimCounters();
    private final List<SimUser> users;
    private Server server;

    private SimulatedPool(Builder b) {
        this.db = new SimDatabase(b.seed);
        SimVmPower power = new SimVmPower(db);
        SimPoolSeeder seeder = new SimPoolSeeder(db, power);
        SimPoolSeeder.Layout layout = seeder.seed(b.hosts, b.vms);
        String others = b.otherPassword != null ? b.otherPassword : b.rootPassword;
        this.users = List.of(new SimUser("root", b.rootPassword, SimRole.POOL_ADMIN, true),
                new SimUser("operator", others, SimRole.VM_OPERATOR, false),
                new SimUser("reader", others, SimRole.READ_ONLY, false));
        SimSessions sessions = new SimSessions(users, b.authFailureDelay);
        this.tasks = new SimTasks(db, layout.masterRef(), b.taskDelay);
        this.dispatcher = new SimDispatcher(db, sessions, power, tasks, layout.masterRef());
        this.state = new SimState(db, power, seeder, sessions, layout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts serving on {@code host:port} (port 0 picks a free one); returns {@code http://host:port/}. */
    public synchronized URI start(String host, int port) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("sim-xapi");
        threads.setDaemon(true);
        Server s = new Server(threads);
        ServerConnector connector = new ServerConnector(s, 1, 1);
        connector.setHost(host);
        connector.setPort(port);
        s.addConnector(connector);
        s.setHandler(new SimXmlRpcHandler(dispatcher, counters));
        s.setStopTimeout(0);
        try {
            s.start();
        } catch (Exception e) {
            // Jetty's start() declares Exception; a bind failure is the usual cause
            throw new IllegalStateException("cannot start the simulator on " + host + ":" + port, e);
        }
        server = s;
        return URI.create("http://" + hostForUri(host) + ":" + connector.getLocalPort() + "/");
    }

    /** The accounts: root (pool-admin, local superuser), operator (vm-operator), reader (read-only). */
    public List<SimUser> users() {
        return users;
    }

    public SimState state() {
        return state;
    }

    /** How many times {@code method} was called (name as received, e.g. {@code Async.VM.start}). */
    public long callCount(String method) {
        return counters.get(method);
    }

    public long totalCalls() {
        return counters.total();
    }

    /** Stops the server, wakes blocked {@code event.from} calls and stops the task workers. */
    @Override
    public synchronized void close() {
        db.close();
        tasks.close();
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                // Jetty's stop() declares Exception; nothing useful is left to do at shutdown
                throw new IllegalStateException("simulator did not stop cleanly", e);
            } finally {
                server = null;
            }
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Options for a simulated pool. */
    public static final class Builder {
        private int hosts = 2;
        private int vms = 8;
        private long seed = 1;
        private String rootPassword = "xenwbem";
        private String otherPassword;
        private Duration authFailureDelay = Duration.ZERO;
        private Duration taskDelay = Duration.ofMillis(20);

        private Builder() {
        }

        /** Number of hosts, at least 1 (default 2); host 0 is the master. */
        public Builder hosts(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("hosts must be >= 1");
            }
            this.hosts = n;
            return this;
        }

        /** Number of ordinary VMs (default 8), besides dom0s, templates and the snapshot. */
        public Builder vms(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("vms must be >= 0");
            }
            this.vms = n;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** root's password; also operator's and reader's unless {@link #otherUsersPassword} is set. */
        public Builder rootPassword(String password) {
            this.rootPassword = Objects.requireNonNull(password);
            return this;
        }

        public Builder otherUsersPassword(String password) {
            this.otherPassword = Objects.requireNonNull(password);
            return this;
        }

        /** How long a wrong password waits before failing (xapi: 5 s; default 0). */
        public Builder authFailureDelay(Duration delay) {
            this.authFailureDelay = Objects.requireNonNull(delay);
            return this;
        }

        /** How long an {@code Async.} task stays pending before it runs (default 20 ms). */
        public Builder taskDelay(Duration delay) {
            this.taskDelay = Objects.requireNonNull(delay);
            return this;
        }

        public SimulatedPool build() {
            return new SimulatedPool(this);
        }
    }
}
