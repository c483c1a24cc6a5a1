package org.xenwbem.bridge.storage;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two calls of an RBD clone (snapshot create, clone) through librbd's C API in this process (JNA),
 * on one cluster connection kept for the SR: each {@code rbd} CLI call spawns a process and connects
 * to the cluster anew (tens to hundreds of milliseconds), these take a few. The connection reads the
 * SR's ceph.conf and keyring file as the CLI does ({@code rados_create} with the cephx id,
 * {@code rados_conf_read_file}, {@code keyring}); the key itself never passes through Java.
 * {@link #open} answers empty where JNA or librados/librbd cannot be loaded or the cluster cannot be
 * reached; the adapter then uses the CLI.
 */
final class Librbd {
    private static final Logger LOG = LoggerFactory.getLogger(Librbd.class);

    /** librados: cluster handle and pool I/O context (rados/librados.h). */
    interface Rados extends Library {
        int rados_create(PointerByReference cluster, String id);

        int rados_conf_read_file(Pointer cluster, String path);

        int rados_conf_set(Pointer cluster, String option, String value);

        int rados_connect(Pointer cluster);

        int rados_ioctx_create(Pointer cluster, String pool, PointerByReference ioctx);

        void rados_ioctx_destroy(Pointer ioctx);

        void rados_shutdown(Pointer cluster);
    }

    /** librbd: the calls a clone needs (rbd/librbd.h). */
    interface Rbd extends Library {
        int rbd_open(Pointer ioctx, String name, PointerByReference image, String snapName);

        int rbd_close(Pointer image);

        int rbd_snap_create(Pointer image, String snapName);

        int rbd_image_options_create(PointerByReference opts);

        void rbd_image_options_destroy(Pointer opts);

        int rbd_clone3(Pointer parentIoctx, String parentName, String parentSnap, Pointer childIoctx,
                       String childName, Pointer opts);
    }

    private final Rbd rbd;
    private final Pointer ioctx;

    private Librbd(Rbd rbd, Pointer ioctx) {
        this.rbd = rbd;
        this.ioctx = ioctx;
    }

    /** A connection to the target's pool, or empty (logged) where librbd cannot serve it. */
    static Optional<Librbd> open(RbdCli.Target t) {
        try {
            Rados rados = Native.load("rados", Rados.class);
            Rbd rbd = Native.load("rbd", Rbd.class);
            PointerByReference cluster = new PointerByReference();
            check("rados_create", rados.rados_create(cluster, t.user() == null || t.user().isBlank() ? null : t.user()));
            Pointer c = cluster.getValue();
            try {
                if (t.conf() != null && !t.conf().isBlank()) {
                    check("rados_conf_read_file", rados.rados_conf_read_file(c, t.conf()));
                }
                if (t.keyring() != null && !t.keyring().isBlank()) {
                    check("rados_conf_set keyring", rados.rados_conf_set(c, "keyring", t.keyring()));
                }
                check("rados_connect", rados.rados_connect(c));
                PointerByReference io = new PointerByReference();
                check("rados_ioctx_create " + t.pool(), rados.rados_ioctx_create(c, t.pool(), io));
                return Optional.of(new Librbd(rbd, io.getValue()));
            } catch (ArrayError e) {
                rados.rados_shutdown(c);
                throw e;
            }
        } catch (ArrayError | LinkageError | RuntimeException e) {
            LOG.info("librbd does not serve {} ({}); the rbd CLI does", t, e.getMessage());
            return Optional.empty();
        }
    }

    /** Snapshot {@code snap} of image {@code image}. */
    synchronized void snapCreate(String image, String snap) throws ArrayError {
        PointerByReference img = new PointerByReference();
        check("rbd_open " + image, rbd.rbd_open(ioctx, image, img, null));
        try {
            check("rbd_snap_create " + image + "@" + snap, rbd.rbd_snap_create(img.getValue(), snap));
        } finally {
            rbd.rbd_close(img.getValue());
        }
    }

    /**
     * COW clone {@code child} of {@code image@snap} with the cluster's default features and clone format
     * (v2 of an unprotected snapshot when require-min-compat-client is mimic or later).
     */
    synchronized void clone(String image, String snap, String child) throws ArrayError {
        PointerByReference opts = new PointerByReference();
        rbd.rbd_image_options_create(opts);
        try {
            check("rbd_clone3 " + image + "@" + snap + " to " + child,
                    rbd.rbd_clone3(ioctx, image, snap, ioctx, child, opts.getValue()));
        } finally {
            rbd.rbd_image_options_destroy(opts.getValue());
        }
    }

    /** librados/librbd answer 0 or a negative errno. */
    private static void check(String what, int rc) throws ArrayError {
        if (rc < 0) {
            throw new ArrayError(what + ": error " + (-rc), rc == -2);
        }
    }
}
