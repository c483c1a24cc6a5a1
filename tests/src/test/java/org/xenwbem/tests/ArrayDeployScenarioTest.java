package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.storagetest.ReflinkXfs;
import org.xenwbem.bridge.storagetest.StorageDaemons;

/**
 * Deploying from a template whose disk is on a storage array, end to end through the real daemon over
 * WS-Man: CreateStoragePool makes the SR (an rbd SR on the real Ceph, a file SR on the reflink XFS), a
 * template gets a disk there, DefineSystem with that template as ReferenceConfiguration deploys a VM,
 * and the VM's disk is the array's own clone: an RBD COW child of the template's image ({@code rbd info}
 * shows its parent), a reflink sharing every extent of the template's file. The job's StoragePath says so
 * (the VM made by VM.create, the snapshot by VM.snapshot with ignore_vdis: xapi copied no disk first).
 * CreateSnapshot of the VM on Ceph makes its disk an RBD snapshot {@code snap-<snapshot vdi>} of the VM's
 * image, seen by xapi as the clone {@code VHD-<snapshot vdi>} of it; on XFS a reflink of the VM's file.
 */
class ArrayDeployScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String VSMS = "Xen_VirtualSystemManagementService";
    private static final String SPMS = "Xen_StoragePoolManagementService";
    private static final long MIB = 1 << 20;
    private static final Pattern JOB_ID = Pattern.compile("Name=\"InstanceID\">(Xen:[0-9a-f-]{36})<");
    private static final Pattern UUID_NAME = Pattern.compile("Name=\"Name\">([0-9a-f-]{36})<");
    private static final HttpClient HTTP = RawHttps.client();
    private static DaemonFixture fx;
    private static String rbdSr;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(1, 1, 0);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aTemplateOnAnRbdSrDeploysAsACowCloneInCeph() throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        String sr = rbdSr(ceph);
        String gold = goldDisk(sr);
        Deployed d = deploy(template(gold), "rbd-vm");
        assertEquals("vm:VM.create,offload:rbd", value(d.job(), "StoragePath"), d.job());
        String vdi = diskOf(d.vm());
        Map<?, ?> info = (Map<?, ?>) ceph.json("info", ceph.pool() + "/VHD-" + vdi);
        assertTrue(info.get("parent") instanceof Map<?, ?>, "rbd info shows a parent: " + info);
        assertEquals("VHD-" + gold, ((Map<?, ?>) info.get("parent")).get("image"), "a COW child of the template's image");

        awaitDrive(d.vm(), vdi);
        String snapVdi = diskOf(snapshot(d.vm(), "vm:VM.snapshot-ignore_vdis,offload:rbd"));
        Map<?, ?> snapInfo = (Map<?, ?>) ceph.json("info", ceph.pool() + "/VHD-" + snapVdi);
        Map<?, ?> parent = (Map<?, ?>) snapInfo.get("parent");
        assertEquals("VHD-" + vdi, parent.get("image"), "the snapshot's image is a clone of an RBD snapshot of the VM's");
        assertEquals("snap-" + snapVdi, parent.get("snapshot"), "the RBD snapshot is named after the snapshot VDI");

        destroySnapshot(snapOf(d.vm()));
        assertFalse(ceph.run("snap", "ls", ceph.pool() + "/VHD-" + vdi).contains("snap-" + snapVdi),
                "the RBD snapshot on the VM's image is gone");
        assertFalse(ceph.run("ls", ceph.pool()).contains("VHD-" + snapVdi), "the snapshot's clone image is gone");
        assertFalse(fx.sim().uuids("VDI").contains(snapVdi), "xapi forgot the snapshot's disk");

        String again = diskOf(snapshot(d.vm(), "vm:VM.snapshot-ignore_vdis,offload:rbd"));
        applySnapshot(snapOf(d.vm()));
        String reverted = diskOf(d.vm());
        Map<?, ?> revertedParent = (Map<?, ?>) ((Map<?, ?>) ceph.json("info", ceph.pool() + "/VHD-" + reverted)).get("parent");
        assertEquals("VHD-" + again, revertedParent.get("image"), "the reverted disk is Ceph's clone of the snapshot's");
        String images = ceph.run("ls", "-l", ceph.pool());
        assertFalse(images.contains("VHD-" + vdi), "the VM's former image is gone, with its snapshot: " + images);
        assertTrue(images.contains("VHD-" + reverted), images);
        destroySnapshot(snapOf(d.vm()));
        images = ceph.run("ls", "-l", ceph.pool());
        assertFalse(images.contains(again), "no image nor RBD snapshot of the snapshot's disk left: " + images);
    }

    /** The rbd SR on the test pool, made once (xapi allows one SR per Ceph pool: SR_BACKEND_FAILURE_42). */
    private static synchronized String rbdSr(Ceph ceph) throws Exception {
        if (rbdSr == null) {
            rbdSr = createPool("rbd", "deploy-rbd", ceph.deviceConfig());
        }
        return rbdSr;
    }

    /** A deploy onto Ceph failing at any xapi step after the array's clone leaves no image nor RBD snapshot. */
    @ParameterizedTest
    @ValueSource(strings = {"SR.scan", "VDI.add_to_other_config", "VBD.create", "VM.provision"})
    void aFailedDeployOnCephLeavesNoImage(String step) throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        String gold = goldDisk(rbdSr(ceph));
        String tpl = template(gold);
        String images = ceph.run("ls", ceph.pool());
        String snaps = ceph.run("snap", "ls", ceph.pool() + "/VHD-" + gold);
        List<Integer> before = List.of(fx.sim().count("VM"), fx.sim().count("VDI"), fx.sim().count("VBD"),
                fx.sim().count("VIF"));
        fx.daemon.simulatedPool(SimulatedPool.class).faults().on(step).once().fail("SR_BACKEND_FAILURE_1", step);
        String params = "<q:ReferenceConfiguration><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + P + "Xen_ComputerSystemTemplate</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"InstanceID\">Xen:" + tpl + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></q:ReferenceConfiguration>";
        String job = first(JOB_ID, invoke(VSMS, "Xen Hypervisor", "DefineSystem", params));
        String last = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); System.nanoTime() < end
                && !"10".equals(value(last, "JobState")); Thread.sleep(100)) {
            last = wsman("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", "Xen_VirtualSystemModifyResourcesJob",
                    Map.of("InstanceID", job), "");
        }
        assertEquals("10", value(last, "JobState"), last);
        assertEquals(images, ceph.run("ls", ceph.pool()), "no image left");
        assertEquals(snaps, ceph.run("snap", "ls", ceph.pool() + "/VHD-" + gold), "no RBD snapshot left on the template's");
        assertEquals(before, List.of(fx.sim().count("VM"), fx.sim().count("VDI"), fx.sim().count("VBD"),
                fx.sim().count("VIF")), "no VM, VDI, VBD nor VIF left");
    }

    /** ApplySnapshot over WS-Man; its job awaited. */
    private static void applySnapshot(String snap) throws Exception {
        String r = invoke("Xen_VirtualSystemSnapshotService", "Xen Virtual System Snapshot Service", "ApplySnapshot",
                "<q:Snapshot>" + snapshotEpr(snap) + "</q:Snapshot>");
        assertEquals("4096", value(r, "ReturnValue"), r);
        awaitCompleted("Xen_VirtualSystemManagementServiceJob", first(JOB_ID, r));
    }

    private static String snapshotEpr(String snap) {
        return "<a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + P + "Xen_ComputerSystemSnapshot</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"InstanceID\">Xen:" + snap + "</w:Selector></w:SelectorSet></a:ReferenceParameters>";
    }

    /** The uuid of the VM's one snapshot. */
    private static String snapOf(String vm) {
        return fx.sim().vmUuids().stream().filter(u -> vm.equals(fx.sim().uuidOfRef("VM",
                String.valueOf(fx.sim().vmRecord(u).get("snapshot_of"))))).findFirst().orElseThrow();
    }

    /** DestroySnapshot over WS-Man, once the daemon sees the snapshot; its job awaited. */
    private static void destroySnapshot(String snap) throws Exception {
        String epr = "<q:AffectedSnapshot>" + snapshotEpr(snap) + "</q:AffectedSnapshot>";
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String r;
        do { // the daemon's mirror learns the snapshot a moment after xapi
            r = invoke("Xen_VirtualSystemSnapshotService", "Xen Virtual System Snapshot Service", "DestroySnapshot", epr);
            Thread.sleep(50);
        } while (value(r, "ReturnValue") == null && System.nanoTime() < deadline);
        assertEquals("4096", value(r, "ReturnValue"), r);
        awaitCompleted("Xen_VirtualSystemManagementServiceJob", first(JOB_ID, r));
    }

    /** CreateSnapshot of the VM over WS-Man; the snapshot VM's uuid (the job's StoragePath checked when it ran as one). */
    private static String snapshot(String vm, String path) throws Exception {
        String r = invoke("Xen_VirtualSystemSnapshotService", "Xen Virtual System Snapshot Service", "CreateSnapshot",
                "<q:AffectedSystem><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + P + "Xen_ComputerSystem</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>"
                + "<w:Selector Name=\"Name\">" + vm + "</w:Selector></w:SelectorSet></a:ReferenceParameters>"
                + "</q:AffectedSystem>");
        String rv = value(r, "ReturnValue");
        assertTrue("0".equals(rv) || "4096".equals(rv), r);
        if ("4096".equals(rv)) {
            String job = awaitCompleted("Xen_VirtualSystemManagementServiceJob", first(JOB_ID, r));
            assertEquals(path, value(job, "StoragePath"), job);
        }
        return fx.sim().vmUuids().stream().filter(u -> vm.equals(fx.sim().uuidOfRef("VM",
                String.valueOf(fx.sim().vmRecord(u).get("snapshot_of"))))).findFirst().orElseThrow();
    }

    /** Waits until the daemon sees the VM's drive holding {@code vdi}. */
    private static void awaitDrive(String vm, String vdi) throws Exception {
        String vbd = vbdsOf(vm).stream().filter(b -> vdi.equals(fx.sim().uuidOfRef("VDI",
                String.valueOf(fx.sim().record("VBD", b).get("VDI"))))).findFirst().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String got;
        do { // the daemon's mirror learns the drive a moment after xapi
            got = wsman("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", "Xen_DiskSettingData",
                    Map.of("InstanceID", "Xen:" + vm + "/" + vbd), "");
            Thread.sleep(50);
        } while (!got.contains(vdi) && System.nanoTime() < deadline);
        assertTrue(got.contains(vdi), "the daemon sees the drive: " + got);
    }

    @Test
    void aTemplateOnAReflinkFileSrDeploysAsAReflink() throws Exception {
        Path dir = StorageDaemons.xfs().newDir("deploy-file-sr");
        String sr = createPool("file", "deploy-reflink", Map.of("location", dir.toString()));
        String gold = goldDisk(sr);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(gold + ".raw").toFile(), "rw")) {
            byte[] data = new byte[(int) MIB];
            new java.util.Random(7).nextBytes(data);
            f.write(data);
        }
        Deployed d = deploy(template(gold), "reflink-vm");
        assertEquals("vm:VM.create,offload:reflink", value(d.job(), "StoragePath"), d.job());
        String vdi = diskOf(d.vm());
        assertTrue(ReflinkXfs.isReflinked(dir.resolve(gold + ".raw"), dir.resolve(vdi + ".raw")),
                "the deployed disk shares all its extents with the template's");

        awaitDrive(d.vm(), vdi);
        String snapVdi = diskOf(snapshot(d.vm(), "vm:VM.snapshot-ignore_vdis,offload:reflink"));
        assertTrue(ReflinkXfs.isReflinked(dir.resolve(vdi + ".raw"), dir.resolve(snapVdi + ".raw")),
                "the snapshot's disk is a reflink of the VM's");

        destroySnapshot(snapOf(d.vm()));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(snapVdi)).toList();
            assertEquals(List.of(), left, "no file of the snapshot's disk left");
        }
        assertFalse(fx.sim().uuids("VDI").contains(snapVdi), "xapi forgot the snapshot's disk");

        String again = diskOf(snapshot(d.vm(), "vm:VM.snapshot-ignore_vdis,offload:reflink"));
        applySnapshot(snapOf(d.vm()));
        String reverted = diskOf(d.vm());
        destroySnapshot(snapOf(d.vm()));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(again) || n.startsWith(vdi)).toList();
            assertEquals(List.of(), left, "no file of the VM's former disk nor of the snapshot's left");
        }
        assertTrue(java.nio.file.Files.exists(dir.resolve(reverted + ".raw")));
    }

    // ---- set-up through the daemon and xapi ----

    /** A VM DefineSystem made, and its finished job as WS-Man Get answered. */
    private record Deployed(String vm, String job) {
    }

    /** CreateStoragePool over WS-Man; returns the new SR's uuid once its job has completed. */
    private static String createPool(String type, String name, Map<String, String> deviceConfig) throws Exception {
        StringBuilder settings = new StringBuilder("<q:Settings><c:Xen_DiskSettingData xmlns:c=\"" + P
                + "Xen_DiskSettingData\"><c:ResourceType>19</c:ResourceType><c:ResourceSubType>" + type
                + "</c:ResourceSubType>");
        deviceConfig.forEach((k, v) -> settings.append("<c:Connection>").append(k).append('=').append(v)
                .append("</c:Connection>"));
        settings.append("</c:Xen_DiskSettingData></q:Settings>");
        String r = invoke(SPMS, "XenServer SR Management Service", "CreateStoragePool",
                "<q:ElementName>" + name + "</q:ElementName>" + settings);
        assertEquals("4096", value(r, "ReturnValue"), r);
        awaitCompleted("Xen_Job", first(JOB_ID, r));
        return fx.sim().uuids("SR").stream().filter(u -> name.equals(fx.sim().record("SR", u).get("name_label")))
                .findFirst().orElseThrow();
    }

    /** A 64 MiB disk on the SR, made by xapi; its uuid. */
    private static String goldDisk(String sr) throws Exception {
        String srRef = XapiCall.call(fx, "SR.get_by_uuid", "\"" + sr + "\"");
        String ref = XapiCall.createVdi(fx, srRef, "gold", 64 * MIB);
        return XapiCall.call(fx, "VDI.get_uuid", "\"" + ref + "\"");
    }

    /** A template with the disk as its only drive; returns the template's uuid once the daemon sees the drive. */
    private static String template(String vdi) throws Exception {
        String tpl = fx.sim().addVm("gold-" + vdi.substring(0, 8), PowerState.Halted);
        fx.sim().setField("VM", tpl, "is_a_template", true);
        String vmRef = XapiCall.call(fx, "VM.get_by_uuid", "\"" + tpl + "\"");
        for (String seeded : vbdsOf(tpl)) {
            XapiCall.call(fx, "VBD.destroy", "\"" + XapiCall.call(fx, "VBD.get_by_uuid", "\"" + seeded + "\"") + "\"");
        }
        String vdiRef = XapiCall.call(fx, "VDI.get_by_uuid", "\"" + vdi + "\"");
        XapiCall.call(fx, "VBD.create", "{\"VM\":\"" + vmRef
                + "\",\"VDI\":\"" + vdiRef + "\",\"userdevice\":\"0\",\"bootable\":true,\"mode\":\"RW\",\"type\":\"Disk\","
                + "\"unpluggable\":true,\"empty\":false,\"other_config\":{},\"qos_algorithm_type\":\"\","
                + "\"qos_algorithm_params\":{}}");
        awaitDrive(tpl, vdi);
        return tpl;
    }

    /** DefineSystem from the template, its job awaited. */
    private static Deployed deploy(String template, String name) throws Exception {
        String params = "<q:SystemSettings><c:Xen_ComputerSystemSettingData xmlns:c=\"" + P
                + "Xen_ComputerSystemSettingData\"><c:ElementName>" + name + "</c:ElementName>"
                + "</c:Xen_ComputerSystemSettingData></q:SystemSettings>"
                + "<q:ReferenceConfiguration><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + P + "Xen_ComputerSystemTemplate</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"InstanceID\">Xen:" + template + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></q:ReferenceConfiguration>";
        String r = invoke(VSMS, "Xen Hypervisor", "DefineSystem", params);
        assertEquals("4096", value(r, "ReturnValue"), r);
        return new Deployed(first(UUID_NAME, r), awaitCompleted("Xen_VirtualSystemModifyResourcesJob", first(JOB_ID, r)));
    }

    private static List<String> vbdsOf(String vm) {
        return fx.sim().uuids("VBD").stream()
                .filter(b -> vm.equals(fx.sim().uuidOfRef("VM", String.valueOf(fx.sim().record("VBD", b).get("VM")))))
                .toList();
    }

    /** The VDI of the VM's only disk drive. */
    private static String diskOf(String vm) {
        List<String> vdis = new ArrayList<>();
        for (String vbd : vbdsOf(vm)) {
            Map<String, Object> r = fx.sim().record("VBD", vbd);
            if ("Disk".equals(r.get("type"))) {
                vdis.add(fx.sim().uuidOfRef("VDI", String.valueOf(r.get("VDI"))));
            }
        }
        assertEquals(1, vdis.size(), "the VM has the template's one disk: " + vdis);
        return vdis.get(0);
    }

    // ---- WS-Man ----

    private static String wsman(String action, String cls, Map<String, String> keys, String body) throws Exception {
        String url = fx.wsmanUrl();
        StringBuilder sel = new StringBuilder("<w:SelectorSet>");
        keys.forEach((k, v) -> sel.append("<w:Selector Name=\"").append(k).append("\">").append(v).append("</w:Selector>"));
        String xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + url + "</a:To>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + P + cls + "</w:ResourceURI>" + sel
                + "</w:SelectorSet></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private static String invoke(String cls, String name, String method, String params) throws Exception {
        String uri = P + cls;
        return wsman(uri + "/" + method, cls, Map.of("CreationClassName", cls, "Name", name,
                "SystemCreationClassName", "Xen_HostComputerSystem", "SystemName", fx.sim().masterUuid()),
                "<q:" + method + "_INPUT xmlns:q=\"" + uri + "\" xmlns:c=\"" + P + "\">" + params + "</q:" + method + "_INPUT>");
    }

    private static String value(String xml, String element) {
        Matcher m = Pattern.compile("<[a-zA-Z0-9]+:" + element + ">([^<]*)</[a-zA-Z0-9]+:" + element + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertTrue(m.find(), p + " in " + text);
        return m.group(1);
    }

    /** Polls the job with WS-Man Get until it ends; asserts Completed and 100 %; returns its last answer. */
    private static String awaitCompleted(String jobClass, String instanceId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = wsman("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", jobClass,
                    Map.of("InstanceID", instanceId), "");
            String state = value(last, "JobState");
            if ("7".equals(state)) {
                assertEquals("100", value(last, "PercentComplete"), last);
                return last;
            }
            assertFalse("10".equals(state) || "9".equals(state), "job failed: " + last);
            Thread.sleep(100);
        }
        throw new AssertionError("job did not finish: " + last);
    }
}
