package org.xenwbem.bridge.storagetest;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real storage daemons of the storage tests, one of each per test JVM, started on first use on
 * 127.0.0.1 (storage.md §11): {@link #ceph()} a single-node Ceph cluster, {@link #xfs()} a loop-mounted
 * XFS with reflink, {@link #tgt()} a tgt iSCSI target. All state lives in one private temporary
 * directory. A shutdown hook stops everything by PID (tgt before Ceph), unmounts and deletes the state;
 * a detached watchdog does the same if the JVM dies without its hooks (kill -9). Tests skip when the
 * tools are missing, unless {@code XENWBEM_REQUIRE_STORAGE=1}, which makes that a failure.
 */
public final class StorageDaemons {
    /** Environment variable that turns a missing storage tool from a skip into a failure. */
    public static final String REQUIRE_ENV = "XENWBEM_REQUIRE_STORAGE";
    static final String STOP_SCRIPT = "stop-storage.sh";
    private static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private static Path state;
    private static Boolean root;
    private static Ceph ceph;
    private static ReflinkXfs xfs;
    private static Tgt tgt;
    private static RuntimeException cephFailure;
    private static RuntimeException xfsFailure;
    private static RuntimeException tgtFailure;

    private StorageDaemons() {
    }

    /** The single-node Ceph cluster (started on first call); its pool {@code rbd} is ready for images. */
    public static synchronized Ceph ceph() {
        require("Ceph", "setsid", "ss", "timeout", "ceph-mon", "ceph-osd", "ceph", "ceph-authtool", "monmaptool", "rbd");
        if (cephFailure != null) {
            throw cephFailure;
        }
        if (ceph == null) {
            try {
                ceph = timed("Ceph", () -> Ceph.start(stateDir().resolve("ceph")));
                checkLoopbackOnly("Ceph", ceph.pids());
                System.out.println("StorageDaemons: Ceph (" + ceph.objectstore() + ") timeline: "
                        + ceph.startTimeline());
            } catch (RuntimeException e) {
                cephFailure = e;
                throw e;
            }
        }
        return ceph;
    }

    /** The loop-mounted reflink XFS (mounted on first call). */
    public static synchronized ReflinkXfs xfs() {
        require("XFS reflink", "setsid", "timeout", "mkfs.xfs", "mount", "umount", "losetup", "mountpoint", "filefrag");
        if (xfsFailure != null) {
            throw xfsFailure;
        }
        if (xfs == null) {
            try {
                xfs = timed("XFS", () -> ReflinkXfs.start(stateDir().resolve("xfs")));
            } catch (RuntimeException e) {
                xfsFailure = e;
                throw e;
            }
        }
        return xfs;
    }

    /** A new, empty directory of the caller's own on the reflink XFS mount. */
    public static Path reflinkXfs() {
        return xfs().newDir("dir");
    }

    /** The tgt iSCSI target, portal on 127.0.0.1 (started on first call). */
    public static synchronized Tgt tgt() {
        require("tgt", "setsid", "ss", "timeout", "tgtd", "tgtadm");
        if (tgtFailure != null) {
            throw tgtFailure;
        }
        if (tgt == null) {
            try {
                tgt = timed("tgt", () -> Tgt.start(stateDir().resolve("tgt")));
                checkLoopbackOnly("tgt", List.of(tgt.pid()));
            } catch (RuntimeException e) {
                tgtFailure = e;
                throw e;
            }
        }
        return tgt;
    }

    private interface Starter<T> {
        T start() throws IOException;
    }

    private static <T> T timed(String what, Starter<T> starter) {
        long t0 = System.nanoTime();
        try {
            T started = starter.start();
            System.out.printf("StorageDaemons: %s started in %d ms (state %s)%n", what,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), state);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " did not start", e);
        }
    }

    /** Skips (or, with {@code XENWBEM_REQUIRE_STORAGE=1}, fails) unless root and every tool is present. */
    public static void require(String what, String... tools) {
        require(what, "1".equals(System.getenv(REQUIRE_ENV)), isRoot(), List.of(tools));
    }

    static void require(String what, boolean required, boolean root, List<String> tools) {
        List<String> missing = tools.stream().filter(t -> which(t) == null).toList();
        if (missing.isEmpty() && root) {
            return;
        }
        String why = what + " cannot run here: " + (missing.isEmpty() ? "" : "missing " + missing + " ")
                + (root ? "" : "(not root: loop mounts and daemons need root) ")
                + "- tests/bin/install-test-deps.sh installs them";
        if (required) {
            fail(why + "; " + REQUIRE_ENV + "=1 says storage daemons must run");
        }
        Assumptions.assumeTrue(false, why);
    }

    private static synchronized boolean isRoot() {
        if (root == null) {
            root = "0".equals(Proc.run(Path.of("/tmp"), 10, "id", "-u").stdout().strip());
        }
        return root;
    }

    /** The absolute path of {@code tool} on PATH or in the sbin directories, or null. */
    static String which(String tool) {
        String path = System.getenv().getOrDefault("PATH", "") + ":" + SYSTEM_PATH;
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool).toString();
            }
        }
        return null;
    }

    /** PATH for the commands this fixture runs (sbin included: tgtd, mkfs.xfs, losetup). */
    static Map<String, String> env() {
        return Map.of("PATH", System.getenv().getOrDefault("PATH", "") + ":" + SYSTEM_PATH);
    }

    /** The private state directory, made on first use with its shutdown hook and watchdog. */
    static synchronized Path stateDir() throws IOException {
        if (state == null) {
            Path dir = Files.createTempDirectory("xenwbem-storage-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (InputStream in = StorageDaemons.class.getResourceAsStream(STOP_SCRIPT)) {
                Files.copy(in, dir.resolve(STOP_SCRIPT));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(dir), "storage-daemons-stop"));
            startWatchdog(dir);
            state = dir;
        }
        return state;
    }

    /** Runs the stop script now (the shutdown hook's work): tgt, then Ceph, then the XFS mount, then the state. */
    static void stopAll(Path dir) {
        Proc.Result r = Proc.run(Path.of("/tmp"), env(), 60, List.of("sh", dir.resolve(STOP_SCRIPT).toString(),
                dir.toString()));
        if (!r.ok()) {
            System.err.println("StorageDaemons: stop failed: " + r.stderr());
        }
    }

    /**
     * Starts, detached in its own session, a shell that waits for this JVM to end (by PID and start
     * time, so a reused PID does not fool it) and then runs the stop script: the daemons go even when
     * the JVM is killed with -9. After a normal exit the hook has already stopped everything and the
     * script finds nothing to do.
     */
    private static void startWatchdog(Path dir) throws IOException {
        long pid = ProcessHandle.current().pid();
        String loop = "j=$1; s=$2; d=$3; "
                + "alive() { f=$(sed 's/.*) //' /proc/$j/stat 2>/dev/null | cut -d' ' -f1,20); "
                + "[ -n \"$f\" ] && [ \"${f%% *}\" != Z ] && [ \"${f#* }\" = \"$s\" ]; }; "
                + "while alive; do sleep 1; done; exec sh \"$d/" + STOP_SCRIPT + "\" \"$d\"";
        ProcessBuilder pb = new ProcessBuilder("setsid", "-f", "sh", "-c", loop, "watchdog", Long.toString(pid),
                startTicks(pid), dir.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env());
        Process p = pb.start();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot. */
    static String startTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    /** Fails unless every TCP/UDP listener of {@code pids} is bound to 127.0.0.1 (storage.md §11.2). */
    static void checkLoopbackOnly(String what, List<Long> pids) {
        List<String> bad = outsideLoopback(Listeners.of(pids));
        if (!bad.isEmpty()) {
            throw new IllegalStateException(what + " listens outside 127.0.0.1: " + bad);
        }
    }

    /** The listening addresses that are not on 127.0.0.1 ("0.0.0.0:111", "[::]:111", "*:111" ...). */
    static List<String> outsideLoopback(List<String> listeners) {
        return listeners.stream().filter(l -> !l.startsWith("127.0.0.1:")).toList();
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
