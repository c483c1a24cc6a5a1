package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xenwbem.bridge.spi.SimulatedXapi;

/**
 * A simulated XenAPI pool served over HTTP. Build it, {@link #start} it on a loopback port, point
 * clients at the returned URL, drive it through {@link #state()}, inject faults through
 * {@link #faults()}, read {@link #callCount}, and {@link #close()} it. State is deterministic for a
 * seed; session refs are not. Served: XML-RPC on {@code /} and {@code /RPC2}, JSON-RPC on
 * {@code /jsonrpc}, {@code /rrd_updates}, {@code /host_rrd}, {@code /import_raw_vdi},
 * {@code /export_raw_vdi}; optionally one endpoint per member host ({@link Builder#memberEndpoints})
 * and dom0-style Unix sockets ({@link #startUnixSocket}).
 *
 * <pre>{@code
 * try (SimulatedPool pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build()) {
 *     URI url = pool.start("127.0.0.1", 0);
 *     pool.state().setVmPowerState(uuid, PowerState.Halted);
 * }
 * }</pre>
 */
public final class SimulatedPool implements SimulatedXapi {
    private final SimDatabase db;
    private final SimState state;
    private final SimTasks tasks;
    private final SimDispatcher dispatcher;
    private final SimCounters counters = new SimCounters();
    private final List<SimUser> users;
    private final SimPoolSeeder.Layout layout;
    private final SimFaults faults;
    private final SimRpc rpc;
    private final SimStorage storage;
    private final SimServer server = new SimServer();
    private final SimHttpHandler handler;
    private final SimRrdHandler rrdHandler;
    private final List<SimUnixListener> unixListeners = new CopyOnWriteArrayList<>();
    private final boolean memberEndpoints;
    private final SimStandaloneHosts standalone;
    private final SimFailover failover;
    private boolean started;
    private int port;

    private SimulatedPool(Builder b) {
        this.db = new SimDatabase(b.seed);
        this.storage = b.storageRoot != null ? new SimStorage(b.storageRoot, false) : SimStorage.temporary();
        SimDevices devices = new SimDevices(db, storage);
        SimVmPower power = new SimVmPower(db, new SimRuntime(db, devices));
        SimPoolSeeder seeder = new SimPoolSeeder(db, power);
        devices.seeding(true);
        SimPoolSeeder.Layout layout = seeder.seed(new SimShape(b.hosts, b.vms, b.disksPerVm, b.nicsPerVm));
        devices.seeding(false);
        markSeededSrs(devices);
        String others = b.otherPassword != null ? b.otherPassword : b.rootPassword;
        this.users = List.of(new SimUser("root", b.rootPassword, SimRole.POOL_ADMIN, true),
                new SimUser("operator", others, SimRole.VM_OPERATOR, false),
                new SimUser("reader", others, SimRole.READ_ONLY, false));
        SimSessions sessions = new SimSessions(users, b.authFailureDelay);
        this.tasks = new SimTasks(db, layout.masterRef(), b.taskDelay);
        this.layout = layout;
        this.faults = new SimFaults(sessions, db, layout.poolRef());
        SimRrd rrd = new SimRrd(db, b.seed, Clock.systemUTC());
        this.standalone = new SimStandaloneHosts(db, sessions, seeder, b.rootPassword);
        b.standalone.forEach(x -> standalone.add(x.address(), x.name(), x.rootPassword(), x.sharedSr()));
        this.dispatcher = new SimDispatcher(db, sessions, power, tasks, faults, layout, rrd, standalone);
        this.failover = new SimFailover(db, sessions, layout.poolRef());
        dispatcher.extend(failover::register);
        this.rpc = new SimRpc(dispatcher, counters, faults);
        SimHttpAuth auth = new SimHttpAuth(sessions, dispatcher);
        this.rrdHandler = new SimRrdHandler(rrd, auth, dispatcher, db);
        this.handler = new SimHttpHandler(rpc, rrdHandler,
                new SimTransferHandler(auth, db, new SimVdiStore(db, devices)), new SimConsoleHandler(auth, db),
                new SimMetadataHandler(auth, db, new SimVmMetadata(db, devices), faults), faults,
                server.endpointOf(), failover);
        this.memberEndpoints = b.memberEndpoints;
        faults.onCutConnections(this::cutConnections);
        this.state = new SimState(db, power, seeder, sessions, layout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Writes the seeded SRs' markers, so that SR.probe finds them as it finds created ones. */
    private void markSeededSrs(SimDevices devices) {
        for (String sr : db.atomically(() -> db.refs(SimDevices.SR))) {
            String[] info = db.atomically(() -> new String[] {(String) db.get(SimDevices.SR, sr, "uuid"),
                    SimStorage.identity((String) db.get(SimDevices.SR, sr, "type"), SimStorage.deviceConfig(db, sr))});
            try {
                devices.backing(sr).attach(info[0], info[1]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the storage of SR " + info[0], e);
            }
        }
    }

    /**
     * Where the simulated SRs keep their VDIs' bytes ({@code <root>/<sr-uuid>/<vdi-uuid>.raw}; file SRs
     * in their {@code location}, rbd SRs in Ceph): the daemon's offload layer uses it as its SR mount root.
     */
    @Override
    public java.util.Optional<Path> storageRoot() {
        return java.util.Optional.of(storage.root());
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free one); returns {@code http://host:port/}.
     * With {@link Builder#memberEndpoints}, every other host also gets an endpoint on its own address
     * (its {@code address} field: 127.0.0.2, 127.0.0.3, …) and the same port, which answers
     * HOST_IS_SLAVE while it is not the master; the pool endpoint is then the first host's.
     */
    public synchronized URI start(String host, int port) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        Map<SimEndpoint, String> members = new LinkedHashMap<>();
        if (memberEndpoints) {
            for (String ref : layout.hostRefs()) {
                if (!ref.equals(layout.masterRef())) {
                    members.put(SimEndpoint.host(ref), address(ref));
                }
            }
        }
        standalone.all().keySet().forEach(a -> members.put(SimEndpoint.standalone(a), a));
        SimEndpoint main = memberEndpoints ? SimEndpoint.host(layout.masterRef()) : SimEndpoint.POOL;
        this.port = server.start(handler, host, port, main, members);
        started = true;
        if (memberEndpoints) {
            failover.serve(new SimFailover.Endpoints() {
                @Override
                public void stop(SimEndpoint endpoint) {
                    server.stopEndpoint(endpoint);
                }

                @Override
                public void reopen(SimEndpoint endpoint) {
                    server.reopenEndpoint(endpoint);
                }

                @Override
                public void cutAll() {
                    cutConnections();
                }
            });
        }
        return URI.create("http://" + hostForUri(host) + ":" + this.port + "/");
    }

    /** The URL {@link #start} returned (the pool's, or the master's own endpoint). */
    @Override
    public synchronized URI url() {
        if (!started) {
            throw new IllegalStateException("not started");
        }
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The URL of a member host's own endpoint (needs {@link Builder#memberEndpoints} and {@link #start}). */
    public synchronized URI memberUrl(String hostUuid) {
        if (!started || !memberEndpoints) {
            throw new IllegalStateException("member endpoints are not running");
        }
        String ref = db.refByUuid("host", hostUuid);
        return URI.create("http://" + hostForUri(address(ref)) + ":" + port + "/");
    }

    /**
     * Serves XML-RPC and JSON-RPC on a Unix socket, as dom0 does on {@code /var/lib/xcp/xapi}: any
     * credentials log in as root, and sessions belong to the master. Returns {@code unix://<path>}.
     */
    public URI startUnixSocket(Path socket) {
        return startUnixSocket(socket, null);
    }

    /** A Unix socket as on the dom0 of host {@code hostUuid} (null: the master): sessions belong to that host. */
    public URI startUnixSocket(Path socket, String hostUuid) {
        String ref = hostUuid == null ? null : db.refByUuid("host", hostUuid);
        try {
            unixListeners.add(new SimUnixListener(socket, rpc, faults, SimEndpoint.unix(ref)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket, e);
        }
        return URI.create("unix://" + socket.toAbsolutePath());
    }

    /** Host deaths, HA promotion and revival (needs {@link Builder#memberEndpoints}); see {@link SimFailover}. */
    public SimFailover failover() {
        return failover;
    }

    /** Fault injection (latency, errors, dropped connections, restart, failover, login delay). */
    public SimFaults faults() {
        return faults;
    }

    private String address(String hostRef) {
        return String.valueOf(db.atomically(() -> db.get("host", hostRef, "address")));
    }

    private void cutConnections() {
        server.cutConnections();
        unixListeners.forEach(SimUnixListener::cutConnections);
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

    /**
     * HTTP GET requests received for {@code path} ({@code /rrd_updates} or {@code /host_rrd}) on any
     * endpoint; these are not XenAPI calls and {@link #totalCalls} does not include them.
     */
    public long httpRequests(String path) {
        return rrdHandler.requests(path);
    }

    public long totalCalls() {
        return counters.total();
    }

    /** Stops the servers, wakes blocked {@code event.from} calls, stops the task workers, deletes a temporary storage root. */
    @Override
    public synchronized void close() {
        db.close();
        failover.close();
        tasks.close();
        unixListeners.forEach(SimUnixListener::close);
        unixListeners.clear();
        try {
            server.stop();
        } finally {
            storage.close();
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** A standalone host the builder adds. */
    private record StandaloneHost(String address, String name, String rootPassword, boolean sharedSr) {
    }

    /** Options for a simulated pool. */
    public static final class Builder {
        private int hosts = 2;
        private int vms = 8;
        private int disksPerVm = 1;
        private int nicsPerVm = 1;
        private long seed = 1;
        private String rootPassword = "xenwbem";
        private String otherPassword;
        private Duration authFailureDelay = Duration.ZERO;
        private Duration taskDelay = Duration.ofMillis(20);
        private boolean memberEndpoints;
        private Path storageRoot;
        private final List<StandaloneHost> standalone = new java.util.ArrayList<>();

        private Builder() {
        }

        /**
         * The directory where SRs keep their VDIs' bytes ({@code --sim-storage}); it is kept on close.
         * Default: a new temporary directory, deleted on close.
         */
        public Builder storageRoot(Path dir) {
            this.storageRoot = dir;
            return this;
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

        /** Disks (VDI + VBD on the shared SR) per seeded VM, besides its CD drive (default 1). */
        public Builder disksPerVm(int n) {
            if (n < 0 || n > 16) {
                throw new IllegalArgumentException("disksPerVm must be 0..16");
            }
            this.disksPerVm = n;
            return this;
        }

        /** NICs (VIFs) per seeded VM (default 1). */
        public Builder nicsPerVm(int n) {
            if (n < 0 || n > 7) {
                throw new IllegalArgumentException("nicsPerVm must be 0..7");
            }
            this.nicsPerVm = n;
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

        /**
         * Whether {@link SimulatedPool#start} also serves one endpoint per member host on its own
         * loopback address (default false).
         */
        public Builder memberEndpoints(boolean on) {
            this.memberEndpoints = on;
            return this;
        }

        /**
         * A host outside the pool with its own xapi at {@code address} (a loopback address, e.g.
         * 127.0.0.50) on the pool's port, root's password {@code rootPassword}, and (if {@code sharedSr})
         * shared storage of its own, which makes pool.join refuse it. AddHost joins such a host.
         */
        public Builder standaloneHost(String address, String name, String rootPassword, boolean sharedSr) {
            standalone.add(new StandaloneHost(address, name, rootPassword, sharedSr));
            return this;
        }

        public SimulatedPool build() {
            return new SimulatedPool(this);
        }
    }
}
