package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XapiPoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VmMetadata;

/**
 * {@code /export_metadata} and {@code /import_metadata} through the bridge's port: a VM with two
 * snapshots goes out with its snapshots, VBDs, VDIs, SR, VIFs and networks, and comes back as new VMs with
 * the same tree on the same disks; a disk that cannot be found refuses the import and leaves nothing; an
 * unknown VM is 404, no session 401, a body that is no tar 400.
 */
class SimMetadataTest {
    private SimulatedPool pool;
    private URI url;
    private XenApiSession s;
    private PoolSession ops;
    private String vm;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(1).vms(1).seed(5).rootPassword("pw").taskDelay(Duration.ofMillis(5)).build();
        url = pool.start("127.0.0.1", 0);
        XenApiConnection c = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(30));
        s = c.login("root", "pw".toCharArray(), "metadata-test");
        ops = XapiPoolSession.login(c, "root", "pw".toCharArray());
        vm = pool.state().vmUuids().stream().filter(u -> !Boolean.TRUE.equals(pool.state().vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(pool.state().vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        Object ref = s.call("VM.get_by_uuid", vm);
        s.call("VM.snapshot", ref, "one");
        s.call("VM.snapshot", ref, "two");
    }

    @AfterEach
    void stop() {
        ops.close();
        pool.close();
    }

    @Test
    void aVmWithItsSnapshotsGoesOutAndComesBackWithTheSameTree() throws Exception {
        VmMetadata md = VmMetadata.read(new ByteArrayInputStream(ops.transfers().exportMetadata(vm)));
        int snaps = ((List<?>) pool.state().vmRecord(vm).get("snapshots")).size();
        assertTrue(snaps >= 2);
        assertEquals(1 + snaps, md.records("VM").size(), "the VM and its snapshots");
        assertEquals(1, md.records("SR").size());
        assertTrue(md.records("VIF").size() >= 1 + snaps && !md.records("network").isEmpty(), "VIFs and networks");
        assertEquals(md.records("VDI").size(), md.disks().size(), "each disk of the VM and of its snapshots");
        int before = pool.state().count("VM");
        List<String> made = ops.transfers().importMetadata(md.toTar());
        assertEquals(1 + snaps, made.size());
        assertEquals(before + 1 + snaps, pool.state().count("VM"));
        Map<String, Object> copy = pool.state().vmRecord(made.get(0));
        assertEquals(pool.state().vmRecord(vm).get("name_label"), copy.get("name_label"));
        assertEquals("Halted", copy.get("power_state"));
        String parent = pool.state().uuidOfRef("VM", String.valueOf(copy.get("parent")));
        assertEquals("two", pool.state().vmRecord(parent).get("name_label"));
        assertTrue(made.contains(parent), "the parent is one of the new snapshots");
        String grand = pool.state().uuidOfRef("VM", String.valueOf(pool.state().vmRecord(parent).get("parent")));
        assertEquals("one", pool.state().vmRecord(grand).get("name_label"));
        assertEquals(made.get(0), pool.state().uuidOfRef("VM", String.valueOf(pool.state().vmRecord(grand).get("snapshot_of"))));
        assertEquals(new HashSet<>(vdisOf(vm)), new HashSet<>(vdisOf(made.get(0))), "the same disks");
    }

    private List<String> vdisOf(String v) {
        return ((List<?>) pool.state().vmRecord(v).get("VBDs")).stream()
                .map(b -> pool.state().record("VBD", pool.state().uuidOfRef("VBD", String.valueOf(b))))
                .filter(b -> "Disk".equals(b.get("type"))).map(b -> String.valueOf(b.get("VDI"))).toList();
    }

    @Test
    void aDiskThatIsNotThereRefusesTheImportAndLeavesNothing() throws Exception {
        VmMetadata md = VmMetadata.read(new ByteArrayInputStream(ops.transfers().exportMetadata(vm)));
        String sr = pool.state().defaultSrUuid();
        VmMetadata broken = md.remapped(Map.of(md.disks().get(0).uuid(), new VmMetadata.Target(sr, "no-such-location")));
        int vms = pool.state().count("VM");
        int vbds = pool.state().count("VBD");
        XenFailure f = assertThrows(XenFailure.class, () -> ops.transfers().importMetadata(broken.toTar()));
        assertEquals("IMPORT_ERROR_FAILED_TO_FIND_OBJECT", f.code());
        assertEquals(vms, pool.state().count("VM"));
        assertEquals(vbds, pool.state().count("VBD"));
    }

    @Test
    void refusals() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = url.toString().replaceAll("/$", "");
        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/export_metadata?ref=" + vm)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        String snap = String.valueOf(s.call("VM.get_uuid", ((Object[]) asArray(s.call("VM.get_snapshots",
                s.call("VM.get_by_uuid", vm))))[0]));
        XenFailure notVm = assertThrows(XenFailure.class, () -> ops.transfers().exportMetadata(snap));
        assertEquals(List.of(snap, "HTTP 404"), notVm.params(), notVm.getMessage());
        assertEquals("VM_METADATA_EXPORT_FAILED", notVm.code());
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/import_metadata"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("root:pw".getBytes()))
                .PUT(HttpRequest.BodyPublishers.ofString("not a tar")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode(), bad.body());
    }

    private static Object asArray(Object o) {
        return o instanceof List<?> l ? l.toArray() : o;
    }
}
