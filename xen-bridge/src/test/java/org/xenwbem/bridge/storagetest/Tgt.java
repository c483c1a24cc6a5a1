package org.xenwbem.bridge.storagetest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A tgt userspace iSCSI target (storage.md §7) whose only portal is 127.0.0.1 on a free port, with its
 * own management port ({@code -C}) so it runs beside other tgtd instances. Clients log in directly to
 * {@code iscsi://127.0.0.1:PORT/IQN/LUN}, never to an address from a discovery answer (§11.1).
 * Started by {@link StorageDaemons#tgt()}; stopped (before Ceph) by the fixture's stop script.
 */
public final class Tgt {
    private static final long TIMEOUT_S = 30;

    private final Path dir;
    private final int port;
    private final int controlPort;
    private final long pid;
    private int nextTid = 1;

    private Tgt(Path dir, int port, int controlPort, long pid) {
        this.dir = dir;
        this.port = port;
        this.controlPort = controlPort;
        this.pid = pid;
    }

    /** "127.0.0.1:PORT". */
    public String portal() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** tgtd's PID, from its pid file. */
    public long pid() {
        return pid;
    }

    /** The direct-login URL of one LUN: {@code iscsi://127.0.0.1:PORT/IQN/LUN}. */
    public String url(String iqn, int lun) {
        return "iscsi://" + portal() + "/" + iqn + "/" + lun;
    }

    /**
     * Adds target {@code iqn} with one file-backed LUN per file (LUN 1, 2, ... in order; {@code --bstype
     * rdwr}), open to every initiator; returns its tid.
     */
    public synchronized int addTarget(String iqn, List<Path> lunFiles) {
        int tid = nextTid++;
        adm("--lld", "iscsi", "--op", "new", "--mode", "target", "--tid", Integer.toString(tid), "-T", iqn);
        record(tid);
        for (int i = 0; i < lunFiles.size(); i++) {
            adm("--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", Integer.toString(tid),
                    "--lun", Integer.toString(i + 1), "-b", lunFiles.get(i).toString(), "--bstype", "rdwr");
        }
        adm("--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", Integer.toString(tid), "-I", "ALL");
        return tid;
    }

    /**
     * Adds target {@code iqn} whose LUN 1 is RBD image {@code image} of {@code ceph}'s pool (tgt-rbd,
     * {@code --bstype rbd}), open to every initiator; returns its tid. The fixture stops tgt before Ceph.
     */
    public synchronized int addRbdTarget(String iqn, Ceph ceph, String image) {
        int tid = nextTid++;
        adm("--lld", "iscsi", "--op", "new", "--mode", "target", "--tid", Integer.toString(tid), "-T", iqn);
        record(tid);
        adm("--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", Integer.toString(tid), "--lun", "1",
                "--bstype", "rbd", "--backing-store", ceph.pool() + "/" + image,
                "--bsopts", "conf=" + ceph.conf() + ";id=" + ceph.user());
        adm("--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", Integer.toString(tid), "-I", "ALL");
        return tid;
    }

    /** Removes target {@code tid} and its LUNs (the backing files stay). */
    public synchronized void deleteTarget(int tid) {
        adm("--lld", "iscsi", "--mode", "target", "--op", "delete", "--tid", Integer.toString(tid), "--force");
    }

    /** Runs {@code tgtadm -C CONTROL ARGS} against this tgtd; returns stdout. */
    public String adm(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tgtadm", "-C", Integer.toString(controlPort)));
        cmd.addAll(List.of(args));
        return Proc.run(dir, StorageDaemons.env(), TIMEOUT_S, cmd).orThrow();
    }

    private void record(int tid) {
        try {
            Files.writeString(dir.resolve("tids"), tid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record tid for the stop script", e);
        }
    }

    /** Starts tgtd (it daemonizes) and waits until it answers on its management port. */
    static Tgt start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path pidFile = dir.resolve("tgtd.pid");
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = StorageDaemons.freePort();
            int control = ThreadLocalRandom.current().nextInt(2000, 30000);
            if (Files.exists(Path.of("/var/run/tgtd/socket." + control))) {
                continue;
            }
            Files.writeString(dir.resolve("control-port"), control + "\n");
            Proc.Result r = Proc.run(dir, StorageDaemons.env(), TIMEOUT_S, List.of("tgtd", "--iscsi",
                    "portal=127.0.0.1:" + port, "-C", Integer.toString(control), "-p", pidFile.toString()));
            if (r.ok() && waitReady(dir, control, pidFile)) {
                return new Tgt(dir, port, control, Long.parseLong(Files.readString(pidFile).strip()));
            }
        }
        throw new IllegalStateException("tgtd did not start on 127.0.0.1 after 5 attempts");
    }

    private static boolean waitReady(Path dir, int control, Path pidFile) throws IOException {
        for (int i = 0; i < 50; i++) {
            if (Files.exists(pidFile) && Proc.run(dir, StorageDaemons.env(), TIMEOUT_S, List.of("tgtadm", "-C",
                    Integer.toString(control), "--mode", "system", "--op", "show")).ok()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
