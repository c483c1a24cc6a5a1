package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;

/**
 * Issue 12 item 3 through the real daemon and its WS-Man endpoint: a VM with two disks and two snapshots
 * (different data written before each) goes out with StartSnapshotForestExport (metadata and one VHD per
 * disk downloaded from the transfer endpoint), EndSnapshotForestExport, and comes back into another SR
 * with CreateDiskImage + an upload of the metadata, PrepareSnapshotForestImport,
 * CreateNextDiskInImportSequence until 32768 (each disk's VHD uploaded through ConnectToDiskImage),
 * FinalizeSnapshotForestImport: the same tree (names, parent/snapshot links), every disk byte-identical.
 * The fault half ({@link ForestFaultsTest}) breaks the import at each step.
 */
class ForestScenarioTest {
    static final String SNAP = "Xen_VirtualSystemSnapshotService";
    static final int DISK = 8 << 20;
    static DaemonFixture fx;
    static WsmanCalls ws;
    static XenApiSession xapi;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(0, 0, 0);
        ws = new WsmanCalls(fx);
        xapi = XenApiConnection.create(fx.daemon.simulatedPool(SimulatedPool.class).url(), Duration.ofSeconds(2),
                Duration.ofSeconds(30)).login("root", DaemonFixture.PASSWORD.toCharArray(), "forest-test");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    static Map<String, String> service(String cls, String name) {
        return Map.of("SystemCreationClassName", "Xen_HostComputerSystem", "SystemName", fx.sim().masterUuid(),
                "CreationClassName", cls, "Name", name);
    }

    static String snapshotService(String method, String params) throws Exception {
        return ws.invoke("root", SNAP, service(SNAP, "Xen Virtual System Snapshot Service"), method, params);
    }

    static String storageService(String method, String params) throws Exception {
        return ws.invoke("root", "Xen_StoragePoolManagementService", service("Xen_StoragePoolManagementService",
                "XenServer SR Management Service"), method, params);
    }

    /** A halted VM with two disks written with random data and a NIC, snapshotted twice, the data changed between. */
    static String vmWithTwoSnapshots(String name, long seed) throws Exception {
        String vm = fx.sim().addVm(name, PowerState.Halted);
        Object vmRef = xapi.call("VM.get_by_uuid", vm);
        for (String seeded : disks(vm).values()) { // its 20 GiB disk 0: this test brings smaller ones
            Object vdi = xapi.call("VDI.get_by_uuid", seeded);
            for (Object vbd : (Object[]) toArray(xapi.call("VDI.get_VBDs", vdi))) {
                xapi.call("VBD.destroy", vbd);
            }
            xapi.call("VDI.destroy", vdi);
        }
        Object sr = xapi.call("SR.get_by_uuid", fx.sim().defaultSrUuid());
        Random r = new Random(seed);
        List<String> disks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("name_label", name + " disk " + i);
            rec.put("name_description", "forest test disk " + i);
            rec.put("SR", sr);
            rec.put("virtual_size", String.valueOf(DISK / (i + 1)));
            rec.put("type", "user");
            rec.put("sharable", false);
            rec.put("read_only", false);
            rec.put("other_config", Map.of());
            Object vdi = xapi.call("VDI.create", rec);
            xapi.call("VBD.create", Map.of("VM", vmRef, "VDI", vdi, "userdevice", String.valueOf(i), "bootable", i == 0,
                    "mode", "RW", "type", "Disk", "empty", false, "other_config", Map.of()));
            disks.add(String.valueOf(xapi.call("VDI.get_uuid", vdi)));
        }
        for (String snap : List.of("s1", "s2")) {
            for (int i = 0; i < disks.size(); i++) {
                write(disks.get(i), r, (DISK / (i + 1)) / 2);
            }
            xapi.call("VM.snapshot", vmRef, snap);
        }
        write(disks.get(0), r, DISK / 4);
        return vm;
    }

    private static Object[] toArray(Object o) {
        return o instanceof List<?> l ? l.toArray() : (Object[]) o;
    }

    private static void write(String vdi, Random r, int length) throws Exception {
        byte[] data = new byte[length];
        r.nextBytes(data);
        new VdiTransfer(xapi).importVdi(vdi, VdiFormat.RAW, new ByteArrayInputStream(data), data.length);
    }

    static byte[] raw(String vdi) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new VdiTransfer(xapi).exportVdi(vdi, VdiFormat.RAW, out);
        return out.toByteArray();
    }

    static String epr(String param, String cls, String key, String value) {
        return WsmanCalls.epr(param, cls, Map.of(key, value));
    }

    static String diskEpr(String param, String deviceId) {
        return WsmanCalls.epr(param, "Xen_DiskImage", Map.of("CreationClassName", "Xen_DiskImage", "DeviceID", deviceId));
    }

    static String poolEpr(String srUuid) {
        return epr("StoragePool", "Xen_StoragePool", "InstanceID", "Xen:Shared/" + srUuid);
    }

    static List<String> all(String xml, String element) {
        Matcher m = Pattern.compile("<[a-zA-Z]+:" + element + ">([^<]*)</[a-zA-Z]+:" + element + ">").matcher(xml);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    static String selector(String xml, String param, String key) {
        Matcher m = Pattern.compile("<[a-zA-Z]+:" + param + ">.*?<wsman:Selector Name=\"" + key + "\">([^<]+)</wsman:Selector>",
                Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    static TransferHttps client(String certPem, URI uri, String user, String password) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(certPem.getBytes()));
        return new TransferHttps(cert, uri.getPort()).as(user, password);
    }

    /** GET of an export URI ({@code https://user:password@host:port/path?query}). */
    static byte[] download(String certPem, String uri) throws Exception {
        URI u = URI.create(uri);
        String[] cred = u.getUserInfo().split(":", 2);
        TransferHttps.Reply r = client(certPem, u, cred[0], cred[1]).send("GET", u.getRawPath(), Map.of(), null);
        assertEquals(200, r.status(), "GET " + u.getRawPath());
        return r.body();
    }

    /** The exported metadata tar and the VHD of each exported disk (by its uuid); the export is ended. */
    static Map<String, byte[]> export(String vm) throws Exception {
        String job = ws.awaitJob("root", snapshotService("StartSnapshotForestExport",
                epr("System", "Xen_ComputerSystem", "Name", vm) + "<q:UseSSL>true</q:UseSSL>"
                        + "<q:TimeoutInMinutes>30</q:TimeoutInMinutes>"));
        assertEquals("7", WsmanCalls.value(job, "JobState"), job);
        passwordsAreTheOwnersOnly(job);
        String cert = all(job, "SSLCertificates").get(0);
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("metadata", download(cert, WsmanCalls.value(job, "MetadataURI")));
        for (String uri : all(job, "DiskImageURIs")) {
            assertTrue(uri.contains(".vhd?vdi_uuid="), uri);
            out.put(uri.substring(uri.indexOf("vdi_uuid=") + 9), download(cert, uri));
        }
        String handle = WsmanCalls.value(job, "ExportConnectionHandle");
        String end = ws.awaitJob("root", snapshotService("EndSnapshotForestExport",
                "<q:ExportConnectionHandle>" + handle + "</q:ExportConnectionHandle>"));
        assertEquals("7", WsmanCalls.value(end, "JobState"), end);
        URI meta = URI.create(WsmanCalls.value(job, "MetadataURI"));
        String[] cred = meta.getUserInfo().split(":", 2);
        assertEquals(401, client(cert, meta, cred[0], cred[1]).send("HEAD", meta.getRawPath(), Map.of(), null).status(),
                "the export's connections are closed");
        return out;
    }

    /**
     * The owner reads each URI with its password; the xapi task (readable by every pool user) holds none,
     * and the pool's read-only user reading the same job sees the URIs without one.
     */
    static void passwordsAreTheOwnersOnly(String job) throws Exception {
        List<String> uris = new ArrayList<>(all(job, "DiskImageURIs"));
        uris.add(WsmanCalls.value(job, "MetadataURI"));
        String id = WsmanCalls.value(job, "InstanceID");
        String task = String.valueOf(fx.sim().record("task", id.substring("Xen:".length())).get("other_config"));
        String seen = ws.get("reader", "Xen_StartSnapshotForestExportJob", Map.of("InstanceID", id));
        for (String uri : uris) {
            String pw = URI.create(uri).getUserInfo().split(":", 2)[1];
            assertTrue(pw.length() >= 20, uri);
            assertTrue(!task.contains(pw) && !seen.contains(pw), "the password is the owner's only");
        }
        assertEquals(uris.size() - 1, all(seen, "DiskImageURIs").size(), seen);
    }

    /** Uploads {@code data} to a disk through ConnectToDiskImage (http, read-write): raw, or .vhd when {@code vhd}. */
    static void upload(String deviceId, byte[] data, boolean vhd) throws Exception {
        String job = ws.awaitJob("root", storageService("ConnectToDiskImage", diskEpr("DiskImage", deviceId)
                + "<q:Protocol>http</q:Protocol><q:UseSSL>true</q:UseSSL><q:ReadOnly>false</q:ReadOnly>"));
        assertEquals("7", WsmanCalls.value(job, "JobState"), job);
        URI target = URI.create(WsmanCalls.value(job, "TargetURI"));
        TransferHttps c = client(WsmanCalls.value(job, "SSLCertificate"), target, WsmanCalls.value(job, "Username"),
                WsmanCalls.value(job, "Password"));
        TransferHttps.Reply r = c.send("PUT", target.getRawPath() + (vhd ? ".vhd" : ""), Map.of(), data);
        assertTrue(r.status() == 200 || r.status() == 201 || r.status() == 204, "PUT: " + r.status() + " "
                + new String(r.body()));
        ws.awaitJob("root", storageService("DisconnectFromDiskImage", "<q:ConnectionHandle>"
                + WsmanCalls.value(job, "ConnectionHandle") + "</q:ConnectionHandle>"));
    }

    /** A disk made by CreateDiskImage in the SR holding the metadata tar; its DeviceID. */
    static String metadataDisk(String sr, byte[] tar) throws Exception {
        long mib = (tar.length + (1 << 20) - 1) >> 20;
        String created = storageService("CreateDiskImage", "<q:ResourceSetting><c:Xen_DiskSettingData xmlns:c=\""
                + DaemonFixture.P + "Xen_DiskSettingData\"><c:ResourceType>19</c:ResourceType><c:PoolID>Xen:Shared/" + sr
                + "</c:PoolID><c:VirtualQuantity>" + mib + "</c:VirtualQuantity><c:AllocationUnits>byte*2^20"
                + "</c:AllocationUnits><c:ElementName>forest metadata</c:ElementName></c:Xen_DiskSettingData>"
                + "</q:ResourceSetting>");
        assertEquals("0", WsmanCalls.value(created, "ReturnValue"), created);
        String id = selector(created, "ResultingDiskImage", "DeviceID");
        upload(id, tar, false);
        return id;
    }

    /** A SR other than the default one, for the import. */
    static String otherSr() {
        for (String sr : fx.sim().uuids("SR")) {
            Map<String, Object> r = fx.sim().record("SR", sr);
            if (!sr.equals(fx.sim().defaultSrUuid()) && !"iso".equals(r.get("content_type"))) {
                return sr;
            }
        }
        throw new AssertionError("no second SR");
    }

    @Test
    void aVmWithTwoSnapshotsComesBackWithTheSameTreeAndBytes() throws Exception {
        String vm = vmWithTwoSnapshots("forest-vm", 7);
        Map<String, byte[]> exported = export(vm);
        assertEquals(1 + 6, exported.size(), "metadata and 2 disks × (VM + 2 snapshots): " + exported.keySet());
        String sr = otherSr();
        String meta = metadataDisk(fx.sim().defaultSrUuid(), exported.get("metadata"));
        String prepared = snapshotService("PrepareSnapshotForestImport", diskEpr("MetadataDiskImage", meta));
        assertEquals("0", WsmanCalls.value(prepared, "ReturnValue"), prepared);
        String context = WsmanCalls.value(prepared, "ImportContext");
        String map = "";
        while (true) {
            String next = snapshotService("CreateNextDiskInImportSequence", "<q:ImportContext>" + context
                    + "</q:ImportContext>" + poolEpr(sr) + "<q:DiskImageMap>" + map + "</q:DiskImageMap>");
            String rv = WsmanCalls.value(next, "ReturnValue");
            if ("32768".equals(rv)) {
                break;
            }
            assertEquals("0", rv, next);
            context = WsmanCalls.value(next, "ImportContext");
            context = context == null ? "" : context;
            map = WsmanCalls.value(next, "DiskImageMap");
            String old = WsmanCalls.value(next, "OldDiskID");
            upload(selector(next, "NewDiskImage", "DeviceID"), exported.get(old), true);
        }
        String done = snapshotService("FinalizeSnapshotForestImport", diskEpr("MetadataDiskImage", meta) + poolEpr(sr)
                + "<q:DiskImageMap>" + map + "</q:DiskImageMap>");
        assertEquals("0", WsmanCalls.value(done, "ReturnValue"), done);
        String copy = selector(done, "VirtualSystem", "Name");
        assertNotNull(copy, done);
        sameTree(vm, copy, parse(map), sr);
    }

    static Map<String, String> parse(String map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : map.split(",")) {
            String[] kv = pair.split("=");
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    /** Names, the snapshot tree, each VBD on the imported copy of its disk, in {@code sr}, byte for byte. */
    static void sameTree(String vm, String copy, Map<String, String> map, String sr) throws Exception {
        Map<String, Object> a = fx.sim().vmRecord(vm);
        Map<String, Object> b = fx.sim().vmRecord(copy);
        assertEquals(a.get("name_label"), b.get("name_label"));
        assertEquals(names((List<?>) a.get("snapshots")), names((List<?>) b.get("snapshots")));
        for (Object snapRef : (List<?>) b.get("snapshots")) {
            String snap = fx.sim().uuidOfRef("VM", String.valueOf(snapRef));
            assertEquals(copy, fx.sim().uuidOfRef("VM", String.valueOf(fx.sim().vmRecord(snap).get("snapshot_of"))));
        }
        assertEquals("s2", parentName(copy));
        assertEquals("s1", parentName(fx.sim().uuidOfRef("VM", String.valueOf(b.get("parent")))));
        List<String> olds = new ArrayList<>(List.of(vm));
        List<String> news = new ArrayList<>(List.of(copy));
        olds.addAll(byName((List<?>) a.get("snapshots")));
        news.addAll(byName((List<?>) b.get("snapshots")));
        for (int i = 0; i < olds.size(); i++) {
            Map<String, String> od = disks(olds.get(i));
            Map<String, String> nd = disks(news.get(i));
            assertEquals(od.keySet(), nd.keySet(), "the same drives");
            for (String dev : od.keySet()) {
                assertEquals(map.get(od.get(dev)), nd.get(dev), "drive " + dev + " is on the imported disk");
                Map<String, Object> v = fx.sim().record("VDI", nd.get(dev));
                assertEquals(sr, fx.sim().uuidOfRef("SR", String.valueOf(v.get("SR"))));
                assertEquals(fx.sim().record("VDI", od.get(dev)).get("name_label"), v.get("name_label"));
                assertArrayEquals(raw(od.get(dev)), raw(nd.get(dev)), "disk " + dev + " of " + news.get(i));
            }
        }
    }

    private static String parentName(String vm) {
        Object parent = fx.sim().vmRecord(vm).get("parent");
        return String.valueOf(fx.sim().vmRecord(fx.sim().uuidOfRef("VM", String.valueOf(parent))).get("name_label"));
    }

    private static List<String> names(List<?> refs) {
        return byName(refs).stream().map(u -> String.valueOf(fx.sim().vmRecord(u).get("name_label"))).toList();
    }

    private static List<String> byName(List<?> refs) {
        return refs.stream().map(r -> fx.sim().uuidOfRef("VM", String.valueOf(r)))
                .sorted(java.util.Comparator.comparing(u -> String.valueOf(fx.sim().vmRecord(u).get("name_label"))))
                .toList();
    }

    /** userdevice → VDI uuid of the VM's disk drives. */
    static Map<String, String> disks(String vm) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Object vbd : (List<?>) fx.sim().vmRecord(vm).get("VBDs")) {
            Map<String, Object> r = fx.sim().record("VBD", fx.sim().uuidOfRef("VBD", String.valueOf(vbd)));
            if ("Disk".equals(r.get("type"))) {
                out.put(String.valueOf(r.get("userdevice")), fx.sim().uuidOfRef("VDI", String.valueOf(r.get("VDI"))));
            }
        }
        return out;
    }
}
