package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Ceph RBD: one image {@code VHD-<vdi-uuid>} per VDI. A clone or a snapshot {@code N} of disk
 * {@code S} is the RBD snapshot {@code VHD-S@snap-N} and the COW clone {@code VHD-N} of it: a clone v2
 * (no protect; the cluster's {@code require-min-compat-client} must be mimic or later), or, on a
 * cluster that refuses it, a protected snapshot and a v1 clone. Snapshot and clone go through librbd
 * ({@link Librbd}, one connection kept per SR) where it loads, else through the {@code rbd} CLI; every
 * other operation through the CLI. Deleting a disk flattens the clones of its
 * snapshots first, purges its snapshots, removes it, and drops the parent snapshot it was cloned from.
 */
final class RbdAdapter extends AdapterBase {
    static final String ID = "rbd";
    private static final String IMAGE_PREFIX = "VHD-";
    private static final String SNAP_PREFIX = "snap-";

    private final RbdCli cli;
    private final boolean tryLibrbd;
    private Optional<Librbd> lib;

    RbdAdapter(RbdCli.Target target) {
        this(target, true);
    }

    /** {@code tryLibrbd}: clone through librbd where it loads and connects (else, or when false, the CLI). */
    RbdAdapter(RbdCli.Target target, boolean tryLibrbd) {
        super(ID);
        this.cli = new RbdCli(target);
        this.tryLibrbd = tryLibrbd;
    }

    /** The librbd connection, opened on first use and kept; empty when the CLI serves. */
    private synchronized Optional<Librbd> lib() {
        if (lib == null) {
            lib = tryLibrbd ? Librbd.open(cli.target()) : Optional.empty();
        }
        return lib;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(EnumSet.allOf(Capabilities.Operation.class), true,
                "Ceph RBD " + cli.target() + ": COW clones and RBD snapshots");
    }

    static String image(String vdiUuid) {
        return IMAGE_PREFIX + vdiUuid;
    }

    @Override
    public void create(String vdiUuid, long size) throws StorageFailure {
        try {
            cli.rbd("create", "--size", size + "B", cli.spec(image(vdiUuid)));
        } catch (IOException | ArrayError e) {
            throw failure(mayHold(vdiUuid), "create " + image(vdiUuid), e);
        }
    }

    @Override
    public void clone(String srcVdiUuid, String newVdiUuid) throws StorageFailure {
        String snap = cli.spec(image(srcVdiUuid)) + "@" + SNAP_PREFIX + newVdiUuid;
        Optional<Librbd> l = lib();
        try {
            if (l.isPresent()) {
                l.get().snapCreate(image(srcVdiUuid), SNAP_PREFIX + newVdiUuid);
            } else {
                cli.rbd("snap", "create", "--no-progress", snap);
            }
        } catch (IOException | ArrayError e) {
            throw failure(false, "snapshot " + snap, e);
        }
        try {
            if (l.isPresent()) {
                librbdClone(l.get(), srcVdiUuid, newVdiUuid, snap);
            } else {
                cloneOf(snap, cli.spec(image(newVdiUuid)));
            }
        } catch (IOException | ArrayError e) {
            boolean left = !dropSnapshot(snap);
            throw failure(left, "clone " + snap + " to " + image(newVdiUuid), e);
        }
    }

    /** librbd's clone v2; where the cluster refuses it (EINVAL: an older require-min-compat-client), the CLI's protect + clone. */
    private void librbdClone(Librbd l, String srcVdiUuid, String newVdiUuid, String snap) throws IOException, ArrayError {
        try {
            l.clone(image(srcVdiUuid), SNAP_PREFIX + newVdiUuid, image(newVdiUuid));
        } catch (ArrayError e) {
            if (!e.getMessage().endsWith("error 22")) {
                throw e;
            }
            cli.rbd("snap", "protect", snap);
            cli.rbd("clone", snap, cli.spec(image(newVdiUuid)));
        }
    }

    /**
     * {@code rbd clone} of an unprotected snapshot: a clone v2, which a cluster whose
     * {@code require-min-compat-client} is mimic or later makes (one CLI call fewer than protect +
     * clone). An older cluster refuses an unprotected parent; the snapshot is then protected and
     * cloned as v1.
     */
    private void cloneOf(String snap, String child) throws IOException, ArrayError {
        try {
            cli.rbd("clone", snap, child);
        } catch (ArrayError e) {
            if (!e.getMessage().contains("protect") && !e.getMessage().contains("(22)")) {
                throw e;
            }
            cli.rbd("snap", "protect", snap);
            cli.rbd("clone", snap, child);
        }
    }

    @Override
    public void resize(String vdiUuid, long size) throws StorageFailure {
        String spec = cli.spec(image(vdiUuid));
        try {
            long now = ((Number) map(cli.rbd("info", "--format", "json", spec)).get("size")).longValue();
            if (size < now) {
                throw failure(false, "disk " + vdiUuid + " is " + now + " bytes; it cannot shrink to "
                        + size);
            }
            cli.rbd("resize", "--no-progress", "--size", size + "B", spec);
        } catch (IOException | ArrayError e) {
            throw failure(false, "resize " + spec, e);
        }
    }

    @Override
    public void delete(String vdiUuid) throws StorageFailure {
        String spec = cli.spec(image(vdiUuid));
        try {
            Map<?, ?> info = map(cli.rbd("info", "--format", "json", spec));
            for (Object s : list(cli.rbd("snap", "ls", "--format", "json", spec))) {
                releaseSnapshot(spec + "@" + ((Map<?, ?>) s).get("name"), "true".equals(((Map<?, ?>) s).get("protected")));
            }
            cli.rbd("rm", "--no-progress", spec);
            if (info.get("parent") instanceof Map<?, ?> parent
                    && String.valueOf(parent.get("snapshot")).equals(SNAP_PREFIX + vdiUuid)) {
                dropSnapshot(parent.get("pool") + "/" + parent.get("image") + "@" + parent.get("snapshot"));
            }
        } catch (IOException | ArrayError e) {
            throw failure(true, "delete " + spec, e);
        }
    }

    /** Flattens the snapshot's clones, so they no longer need it, then unprotects and removes it. */
    private void releaseSnapshot(String snap, boolean isProtected) throws IOException, ArrayError {
        for (Object child : list(cli.rbd("children", "--format", "json", snap))) {
            Map<?, ?> c = (Map<?, ?>) child;
            cli.rbd("flatten", "--no-progress", c.get("pool") + "/" + c.get("image"));
        }
        if (isProtected) {
            cli.rbd("snap", "unprotect", snap);
        }
        cli.rbd("snap", "rm", "--no-progress", snap);
    }

    /** Unprotects and removes a snapshot made for a clone; true when it is gone. */
    private boolean dropSnapshot(String snap) {
        try {
            if (!list(cli.rbd("children", "--format", "json", snap)).isEmpty()) {
                return false;
            }
            try {
                cli.rbd("snap", "unprotect", snap);
            } catch (ArrayError notProtected) {
                // a snapshot whose protect failed is not protected: nothing to undo
            }
            cli.rbd("snap", "rm", "--no-progress", snap);
            return true;
        } catch (IOException | ArrayError e) {
            return false;
        }
    }

    @Override
    public boolean holds(String vdiUuid) throws StorageFailure {
        try {
            return list(cli.rbd("ls", "--format", "json", "-p", cli.target().pool())).contains(image(vdiUuid));
        } catch (IOException | ArrayError e) {
            throw failure(false, "list pool " + cli.target().pool(), e);
        }
    }

    @Override
    public SpaceReport space() throws StorageFailure {
        try {
            Map<?, ?> du = map(cli.rbd("du", "--format", "json", "-p", cli.target().pool()));
            long used = number(du.get("total_used_size"));
            long virtual = 0;
            for (Object i : (List<?>) du.get("images")) {
                Map<?, ?> img = (Map<?, ?>) i;
                if (img.get("snapshot") == null) {
                    virtual += number(img.get("provisioned_size"));
                }
            }
            long total = number(map(cli.rados("df", "--format", "json")).get("total_space"));
            return new SpaceReport(Math.max(total, used), used, virtual, OptionalLong.empty());
        } catch (IOException | ArrayError | ClassCastException e) {
            throw failure(false, "space of pool " + cli.target().pool(), e);
        }
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static Map<?, ?> map(String json) throws ArrayError {
        return (Map<?, ?>) RbdCli.json(json);
    }

    private static List<?> list(String json) throws ArrayError {
        return (List<?>) RbdCli.json(json);
    }
}
