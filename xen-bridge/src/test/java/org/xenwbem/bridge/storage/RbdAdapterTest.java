package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.jsonrpc.JsonReader;

/**
 * The offload contract on a real single-node Ceph: the rbd adapter (snapshot and clone through
 * librbd, everything else through the rbd CLI), and its CLI-only clone.
 */
class RbdAdapterTest extends StorageAdapterContract {
    private static CephFixture ceph;
    private static RbdAdapter adapter;

    @BeforeAll
    static void cluster() {
        StorageGate.require("qemu-io");
        ceph = CephFixture.get();
        Map<String, String> dc = ceph.deviceConfig();
        adapter = new RbdAdapter(target());
    }

    private static RbdCli.Target target() {
        Map<String, String> dc = ceph.deviceConfig();
        return new RbdCli.Target(dc.get("conf"), dc.get("pool"), dc.get("user"), dc.get("keyring"));
    }

    @Test
    void librbdServesTheCluster() {
        assertTrue(Librbd.open(target()).isPresent(), "libjna + librbd load and connect with the SR's conf and keyring");
    }

    @Test
    void withoutLibrbdTheCliClonesTheSameWay() throws Exception {
        String src = uuid();
        String clone = uuid();
        seed(src, SIZE, 0x32);
        RbdAdapter cli = new RbdAdapter(target(), false);
        cli.clone(src, clone);
        Map<?, ?> info = (Map<?, ?>) JsonReader.parse(ceph.run("rbd", "info", "--format", "json",
                "rbd/" + RbdAdapter.image(clone)));
        assertTrue(((List<?>) info.get("op_features")).contains("clone-child"), "a clone v2: " + info);
        assertTrue(holdsPattern(clone, 0x32, MIB));
        cli.delete(clone);
        cli.delete(src);
        assertTrue(traces(src, clone).isEmpty());
    }

    @Override
    StorageAdapter adapter() {
        return adapter;
    }

    private static String qemuTarget(String vdi) {
        return "rbd:rbd/" + RbdAdapter.image(vdi) + ":conf=" + ceph.conf + ":id=admin:keyring=" + ceph.keyring;
    }

    @Override
    void seed(String vdi, long size, int pattern) throws Exception {
        ceph.run("rbd", "create", "--size", size + "B", "rbd/" + RbdAdapter.image(vdi));
        fill(vdi, pattern, MIB);
    }

    @Override
    void fill(String vdi, int pattern, int len) throws Exception {
        ceph.run("qemu-io", "-f", "raw", qemuTarget(vdi), "-c", "write -P " + pattern + " 0 " + len);
    }

    @Override
    boolean holdsPattern(String vdi, int pattern, int len) throws Exception {
        String out = ceph.run("qemu-io", "-f", "raw", qemuTarget(vdi), "-c", "read -P " + pattern + " 0 " + len);
        return out.contains("read " + len + "/" + len) && !out.contains("Pattern verification failed");
    }

    @Override
    long sizeOf(String vdi) throws Exception {
        Map<?, ?> info = (Map<?, ?>) JsonReader.parse(ceph.run("rbd", "info", "--format", "json",
                "rbd/" + RbdAdapter.image(vdi)));
        return ((Number) info.get("size")).longValue();
    }

    /** The images of these disks, and every snapshot on them. */
    @Override
    List<String> traces(String... vdis) throws Exception {
        List<?> images = (List<?>) JsonReader.parse(ceph.run("rbd", "ls", "--format", "json", "-p", "rbd"));
        List<String> out = new ArrayList<>();
        for (String v : vdis) {
            String image = RbdAdapter.image(v);
            if (images.contains(image)) {
                out.add(image);
                for (Object s : (List<?>) JsonReader.parse(ceph.run("rbd", "snap", "ls", "--format", "json",
                        "rbd/" + image))) {
                    out.add(image + "@" + ((Map<?, ?>) s).get("name"));
                }
            }
        }
        return out;
    }

    @Test
    void aCloneIsACowChildV2OfAnUnprotectedSnapshotAndTakesNoSpace() throws Exception {
        String src = uuid();
        String clone = uuid();
        seed(src, SIZE, 0x31);
        adapter.clone(src, clone);
        Map<?, ?> info = (Map<?, ?>) JsonReader.parse(ceph.run("rbd", "info", "--format", "json",
                "rbd/" + RbdAdapter.image(clone)));
        assertTrue(((List<?>) info.get("op_features")).contains("clone-child"), "a clone v2: " + info);
        Map<?, ?> parent = (Map<?, ?>) info.get("parent");
        assertEquals(RbdAdapter.image(src), parent.get("image"));
        assertEquals("snap-" + clone, parent.get("snapshot"));
        List<?> snaps = (List<?>) JsonReader.parse(ceph.run("rbd", "snap", "ls", "--format", "json",
                "rbd/" + RbdAdapter.image(src)));
        assertEquals("false", ((Map<?, ?>) snaps.get(0)).get("protected"), "v2 needs no protect");
        Map<?, ?> du = (Map<?, ?>) JsonReader.parse(ceph.run("rbd", "du", "--format", "json",
                "rbd/" + RbdAdapter.image(clone)));
        assertEquals(0L, ((Map<?, ?>) ((List<?>) du.get("images")).get(0)).get("used_size"), "COW: no data of its own");
        deleteAll(clone, src);
    }

    @Override
    String traceOf(String vdi) {
        return RbdAdapter.image(vdi);
    }
}
