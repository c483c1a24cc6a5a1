package org.xenwbem.bridge.storage;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Ceph (one mon, one memstore OSD, no mgr) on 127.0.0.1 with ports of its own, for the
 * adapter tests until the shared StorageDaemons fixture is on main (storage.md §2 recipe, §11 rules:
 * state in a temp dir, stopped by PID at JVM exit). Skips when Ceph is not installed, unless
 * XENWBEM_REQUIRE_STORAGE=1.
 */
final class LocalCeph {
    private static LocalCeph instance;

    final Path dir;
    final Path conf;
    final Path keyring;

    private LocalCeph(Path dir) {
        this.dir = dir;
        this.conf = dir.resolve("ceph.conf");
        this.keyring = dir.resolve("ceph.client.admin.keyring");
    }

    static synchronized LocalCeph get() {
        StorageGate.require("ceph-mon", "ceph-osd", "rbd", "ceph-authtool", "monmaptool");
        if (instance == null) {
            try {
                LocalCeph c = new LocalCeph(Files.createTempDirectory("xenwbem-offload-ceph"));
                Runtime.getRuntime().addShutdownHook(new Thread(c::stop));
                c.start();
                instance = c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The device-config of an rbd SR on pool {@code rbd}. */
    Map<String, String> deviceConfig() {
        return Map.of("conf", conf.toString(), "pool", "rbd", "user", "admin", "keyring", keyring.toString());
    }

    private void start() throws IOException {
        for (String d : List.of("run", "log", "mon/ceph-a", "osd/ceph-0", "crash")) {
            Files.createDirectories(dir.resolve(d));
        }
        String fsid = UUID.randomUUID().toString();
        String mon = "[v2:127.0.0.1:" + freePort() + ",v1:127.0.0.1:" + freePort() + "]";
        Files.writeString(conf, confText(fsid, mon), StandardCharsets.UTF_8);
        String k = dir + "/ceph.mon.a.keyring";
        run("ceph-authtool", "--create-keyring", k, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *");
        run("ceph-authtool", "--create-keyring", keyring.toString(), "--gen-key", "-n", "client.admin", "--cap", "mon",
                "allow *", "--cap", "osd", "allow *", "--cap", "mgr", "allow *");
        run("ceph-authtool", k, "--import-keyring", keyring.toString());
        run("monmaptool", "--create", "--addv", "a", mon, "--fsid", fsid, dir + "/monmap");
        run("ceph-mon", "--mkfs", "-i", "a", "--monmap", dir + "/monmap", "--keyring", k);
        run("ceph-mon", "-i", "a");
        poll(List.of("ceph", "-s"), "");
        String osdUuid = UUID.randomUUID().toString();
        String osdKey = run("ceph-authtool", "--gen-print-key").strip();
        Files.writeString(dir.resolve("osd-secret.json"), "{\"cephx_secret\": \"" + osdKey + "\"}");
        String id = run("ceph", "osd", "new", osdUuid, "-i", dir + "/osd-secret.json").strip();
        run("ceph-authtool", "--create-keyring", dir + "/ceph.osd." + id + ".keyring", "--name", "osd." + id,
                "--add-key", osdKey);
        run("ceph-osd", "-i", id, "--mkfs", "--osd-uuid", osdUuid);
        run("ceph-osd", "-i", id);
        poll(List.of("ceph", "osd", "stat", "-f", "json"), "\"num_up_osds\":1");
        run("ceph", "osd", "pool", "create", "rbd", "8", "8", "replicated");
        run("rbd", "pool", "init", "rbd");
    }

    private String confText(String fsid, String mon) {
        String d = dir.toString();
        return String.join("\n", "[global]", "fsid = " + fsid, "mon initial members = a", "mon host = " + mon,
                "public network = 127.0.0.0/8", "ms bind ipv4 = true", "ms bind ipv6 = false",
                "auth cluster required = cephx", "auth service required = cephx", "auth client required = cephx",
                "keyring = " + d + "/$cluster.$name.keyring", "run dir = " + d + "/run",
                "pid file = " + d + "/run/$name.pid", "admin socket = " + d + "/run/$name.asok",
                "log file = " + d + "/log/$name.log", "crash dir = " + d + "/crash", "osd pool default size = 1",
                "osd pool default min size = 1", "osd pool default pg num = 8", "osd pool default pgp num = 8",
                "osd crush chooseleaf type = 0", "mon allow pool size one = true", "mon allow pool delete = true",
                "mon warn on pool no redundancy = false", "mon data avail warn = 1", "mon data avail crit = 0",
                "osd pool default pg autoscale mode = off", "osd objectstore = memstore", "[client]",
                "admin socket =", "log file = " + d + "/log/client.log", "[mon]", "paxos propose interval = 0.05",
                "mon data = " + d + "/mon/$cluster-$id", "[osd]", "osd data = " + d + "/osd/$cluster-$id",
                "osd memory target = 939524096", "memstore device bytes = 2147483648", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void poll(List<String> cmd, String expect) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Cli.Result r = Cli.run(cmd, Map.of("CEPH_CONF", conf.toString()), 10);
            if (r.ok() && r.stdout().contains(expect)) {
                return;
            }
            sleep(200);
        }
        throw new IOException("Ceph did not come up: " + cmd);
    }

    String run(String... cmd) throws IOException {
        Cli.Result r = Cli.run(List.of(cmd), Map.of("CEPH_CONF", conf.toString()), 120);
        if (!r.ok()) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    /** TERM each daemon by the PID it wrote, 3 s grace, then KILL (storage.md §2.6). */
    private void stop() {
        File[] pids = dir.resolve("run").toFile().listFiles((d, n) -> n.endsWith(".pid"));
        for (File f : pids == null ? new File[0] : pids) {
            try {
                long pid = Long.parseLong(Files.readString(f.toPath()).strip());
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroy();
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                    while (p.isAlive() && System.nanoTime() < end && !zombie(pid)) {
                        sleep(100);
                    }
                    if (p.isAlive() && !zombie(pid)) {
                        p.destroyForcibly();
                    }
                });
            } catch (IOException | NumberFormatException e) {
                // nothing to stop
            }
        }
        deleteTree(dir);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // temp dir: best effort
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
