package org.xenwbem.bridge.storagetest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonReader;

/**
 * A single-node Ceph cluster for tests (storage.md §2): one mon and one OSD, no mgr, cephx on, mon on
 * two free loopback ports, every file under its own state directory. Objectstore: bluestore on a
 * sparse 48 GiB file (the P5 benchmark writes more than memstore's 2 GiB RAM cap), or memstore with
 * system property {@code xenwbem.ceph.objectstore=memstore}. Started by {@link StorageDaemons#ceph()}.
 */
public final class Ceph {
    /** The RBD pool made ready at start. */
    public static final String POOL = "rbd";
    /** The cephx user every client uses. */
    public static final String USER = "admin";
    static final long BLUESTORE_BYTES = 48L << 30;
    private static final long CLI_TIMEOUT_S = 120;

    private final Path dir;
    private final String objectstore;
    private final long t0 = System.nanoTime();
    private final StringBuilder steps = new StringBuilder();

    private Ceph(Path dir, String objectstore) {
        this.dir = dir;
        this.objectstore = objectstore;
    }

    /** Path of ceph.conf, for {@code --conf}, librbd's confReadFile, qemu-img {@code rbd:} and tgt-rbd. */
    public Path conf() {
        return dir.resolve("ceph.conf");
    }

    /** The cephx user id ("admin", i.e. client.admin). */
    public String user() {
        return USER;
    }

    /** The keyring holding client.admin's key. */
    public Path keyring() {
        return dir.resolve("ceph.client.admin.keyring");
    }

    /** A pool initialised for RBD ("rbd"). */
    public String pool() {
        return POOL;
    }

    /** "bluestore" or "memstore". */
    public String objectstore() {
        return objectstore;
    }

    /** The device-config of an rbd SR on this cluster (conf, pool, user, keyring), as STORAGE-PLAN.md names it. */
    public Map<String, String> deviceConfig() {
        return Map.of("conf", conf().toString(), "pool", POOL, "user", USER, "keyring", keyring().toString());
    }

    /** Runs {@code rbd --conf --id --keyring ARGS}; returns stdout, fails with stderr in the message. */
    public String run(String... rbdArgs) {
        return cli("rbd", rbdArgs);
    }

    /** {@link #run} with {@code --format json}, parsed (maps, lists, strings, longs). */
    public Object json(String... rbdArgs) {
        return parse(cli("rbd", append(rbdArgs, "--format", "json")));
    }

    /** Runs the {@code ceph} CLI the same way (cluster commands: {@code osd pool create} ...). */
    public String ceph(String... args) {
        return cli("ceph", args);
    }

    /** The PIDs of the mon and the OSD, from the pid files they wrote. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("run"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String pid = Files.readString(f).strip();
                if (pid.matches("\\d+")) {
                    pids.add(Long.parseLong(pid));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Ceph pid files", e);
        }
        return pids;
    }

    /** How long each start step took, e.g. "mon started 0.21 s, ..." (printed by the fixture). */
    public String startTimeline() {
        return steps.toString();
    }

    private void step(String what) {
        steps.append(steps.length() == 0 ? "" : ", ").append(what).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.2f s", (System.nanoTime() - t0) / 1e9));
    }

    private String cli(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of(tool, "--conf", conf().toString(), "--id", USER,
                "--keyring", keyring().toString()));
        cmd.addAll(List.of(args));
        return Proc.run(dir, env(), CLI_TIMEOUT_S, cmd).orThrow();
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(StorageDaemons.env());
        env.put("CEPH_CONF", conf().toString());
        return env;
    }

    static Object parse(String json) {
        try {
            return JsonReader.parse(json.strip());
        } catch (JsonFormatException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static String[] append(String[] a, String... more) {
        String[] r = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, r, a.length, more.length);
        return r;
    }

    /**
     * Starts the cluster under {@code dir}; a failed first attempt (say another process took one of the
     * two free mon ports before the mon bound it) is stopped and wiped, and the start tried once more.
     */
    static Ceph start(Path dir) throws IOException {
        return start(dir, System.getProperty("xenwbem.ceph.objectstore", "bluestore"));
    }

    static Ceph start(Path dir, String objectstore) throws IOException {
        try {
            return startOnce(dir, objectstore);
        } catch (RuntimeException first) {
            discard(dir);
            try {
                return startOnce(dir, objectstore);
            } catch (RuntimeException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    /** Stops the daemons of a failed start by their pid files (TERM, 3 s, KILL) and deletes {@code dir}. */
    static void discard(Path dir) throws IOException {
        List<Long> pids = new Ceph(dir, "").pidsIfAny();
        pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroy));
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline && pids.stream().anyMatch(Proc::alive)) {
            sleep(100);
        }
        pids.stream().filter(Proc::alive).forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<Long> pidsIfAny() {
        return Files.isDirectory(dir.resolve("run")) ? pids() : List.of();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Builds and starts the cluster under {@code dir}; returns once pool {@code rbd} is writable. */
    private static Ceph startOnce(Path dir, String store) throws IOException {
        Ceph c = new Ceph(dir, store);
        for (String d : List.of("run", "log", "mon/ceph-a", "osd/ceph-0", "crash")) {
            Files.createDirectories(dir.resolve(d));
        }
        int v2 = StorageDaemons.freePort();
        int v1 = StorageDaemons.freePort();
        String monHost = "[v2:127.0.0.1:" + v2 + ",v1:127.0.0.1:" + v1 + "]";
        String fsid = UUID.randomUUID().toString();
        Files.writeString(c.conf(), CephConf.text(dir, fsid, monHost, store));
        c.keys();
        c.sh("monmaptool", "--create", "--addv", "a", monHost, "--fsid", fsid, dir.resolve("monmap").toString());
        c.sh("ceph-mon", "--conf", c.conf().toString(), "--mkfs", "-i", "a", "--monmap",
                dir.resolve("monmap").toString(), "--keyring", dir.resolve("ceph.mon.a.keyring").toString());
        c.sh("ceph-mon", "--conf", c.conf().toString(), "-i", "a");
        c.step("mon started");
        c.poll("the mon to answer", 60, () -> c.tryCeph("mon", "stat"));
        c.step("mon answering");
        Faults.afterMon(c.pids());
        c.startOsd();
        c.ceph("osd", "pool", "create", POOL, "8", "8", "replicated");
        c.step("pool created");
        c.run("pool", "init", POOL);
        c.step("pool initialised");
        return c;
    }

    private void keys() {
        String mon = dir.resolve("ceph.mon.a.keyring").toString();
        sh("ceph-authtool", "--create-keyring", mon, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *");
        sh("ceph-authtool", "--create-keyring", keyring().toString(), "--gen-key", "-n", "client.admin",
                "--cap", "mon", "allow *", "--cap", "osd", "allow *", "--cap", "mds", "allow *",
                "--cap", "mgr", "allow *");
        sh("ceph-authtool", mon, "--import-keyring", keyring().toString());
    }

    private void startOsd() throws IOException {
        String uuid = UUID.randomUUID().toString();
        String key = sh("ceph-authtool", "--gen-print-key").strip();
        Path secret = dir.resolve("osd-secret.json");
        Files.writeString(secret, "{\"cephx_secret\": \"" + key + "\"}");
        String id = ceph("osd", "new", uuid, "-i", secret.toString()).strip();
        Files.delete(secret);
        sh("ceph-authtool", "--create-keyring", dir.resolve("ceph.osd." + id + ".keyring").toString(),
                "--name", "osd." + id, "--add-key", key);
        step("OSD registered");
        sh("ceph-osd", "--conf", conf().toString(), "-i", id, "--mkfs", "--osd-uuid", uuid);
        step("OSD mkfs done");
        sh("ceph-osd", "--conf", conf().toString(), "-i", id);
        step("OSD started");
        poll("the OSD to come up", 120, () -> {
            String stat = tryCeph("osd", "stat", "-f", "json");
            return stat != null && stat.replace(" ", "").contains("\"num_up_osds\":1");
        });
        step("OSD up");
    }

    private String tryCeph(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ceph", "--conf", conf().toString(), "--id", USER,
                "--keyring", keyring().toString(), "--connect-timeout", "5"));
        cmd.addAll(List.of(args));
        Proc.Result r = Proc.run(dir, env(), 15, cmd);
        return r.ok() ? r.stdout() : null;
    }

    private interface Check {
        Object test();
    }

    private void poll(String what, int seconds, Check check) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Object r = check.test();
            if (r != null && !Boolean.FALSE.equals(r)) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("gave up after " + seconds + " s waiting for " + what
                + "; logs in " + dir.resolve("log"));
    }

    private String sh(String... cmd) {
        return Proc.run(dir, env(), CLI_TIMEOUT_S, List.of(cmd)).orThrow();
    }
}
