package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library round trip of issue 12 through python3-winrm and a BITS client written here: create a
 * disk, ConnectToDiskImage(bits, SSL), BITS upload of a VHD to TargetURI + ".vhd" with a dropped
 * connection, DisconnectFromDiskImage,
 * connect read-only, GET raw and a Range, GET .vhd, and qemu-img compare of the VHD with the bytes sent.
 */
class DiskTransferScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String PROTOCOL = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
    private static final int SIZE = 6 << 20;
    private static final int FRAGMENT = 1 << 20;
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(1);
        winrm = PywinrmClient.install(fx, "py");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static Map<String, Object> service(String method, String params) throws Exception {
        return winrm.first("invoke", P + "Xen_StoragePoolManagementService", method, params,
                "CreationClassName=Xen_StoragePoolManagementService", "Name=XenServer SR Management Service",
                "SystemCreationClassName=Xen_HostComputerSystem", "SystemName=" + fx.sim().masterUuid());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitJob(String cls, Map<String, Object> out) throws Exception {
        assertEquals("4096", String.valueOf(out.get("ReturnValue")), out.toString());
        String id = String.valueOf(((Map<String, Object>) out.get("Job")).get("InstanceID"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> job;
        do {
            job = winrm.first("get", P + cls, "InstanceID=" + id);
            if (List.of("7", "8", "9", "10").contains(String.valueOf(job.get("JobState")))) {
                assertEquals("7", String.valueOf(job.get("JobState")), job.toString());
                return job;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job did not end: " + job);
    }

    private static String diskEpr(Map<?, ?> disk) {
        StringBuilder sel = new StringBuilder();
        for (String k : List.of("CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName")) {
            sel.append("<w:Selector Name=\"").append(k).append("\">").append(disk.get(k)).append("</w:Selector>");
        }
        return "<q:DiskImage><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>" + P
                + "Xen_DiskImage</w:ResourceURI><w:SelectorSet>" + sel + "</w:SelectorSet></a:ReferenceParameters>"
                + "</q:DiskImage>";
    }

    private static Map<String, Object> connect(Map<?, ?> disk, String protocol, boolean readOnly) throws Exception {
        Map<String, Object> out = service("ConnectToDiskImage", diskEpr(disk) + "<q:Protocol>" + protocol
                + "</q:Protocol><q:UseSSL>true</q:UseSSL><q:ReadOnly>" + readOnly
                + "</q:ReadOnly><q:TimeoutInMinutes>30</q:TimeoutInMinutes>");
        return awaitJob("Xen_ConnectToDiskImageJob", out);
    }

    /** A client that trusts exactly the certificate the job handed out. */
    private static TransferHttps client(Map<String, Object> job) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(String.valueOf(job.get("SSLCertificate")).getBytes()));
        URI uri = URI.create(String.valueOf(job.get("TargetURI")));
        return new TransferHttps(cert, uri.getPort()).as(String.valueOf(job.get("Username")),
                String.valueOf(job.get("Password")));
    }

    private static Map<String, String> bits(String type, String session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("BITS-Packet-Type", type);
        if (session != null) {
            h.put("BITS-Session-Id", session);
        }
        return h;
    }

    private static void bitsUpload(TransferHttps c, String path, byte[] data) throws Exception {
        Map<String, String> create = bits("Create-Session", null);
        create.put("BITS-Supported-Protocols", PROTOCOL);
        String session = c.send("BITS_POST", path, create, new byte[0]).header("BITS-Session-Id");
        int at = 0;
        for (int n = 0; at < data.length; n++) {
            int end = Math.min(data.length, at + FRAGMENT);
            Map<String, String> h = bits("Fragment", session);
            h.put("Content-Range", "bytes " + at + "-" + (end - 1) + "/" + data.length);
            if (n == 2) {
                c.send("BITS_POST", path, h, Arrays.copyOfRange(data, at, end), 123_456);
            }
            TransferHttps.Reply r = c.send("BITS_POST", path, h, Arrays.copyOfRange(data, at, end));
            assertEquals(200, r.status(), r.headers().toString());
            at = Integer.parseInt(r.header("BITS-Received-Content-Range"));
        }
        assertEquals(200, c.send("BITS_POST", path, bits("Close-Session", session), new byte[0]).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void libraryRoundTripThroughWinrmAndBits() throws Exception {
        Map<String, Object> created = service("CreateDiskImage", "<q:ResourceSetting><c:Xen_DiskSettingData xmlns:c=\""
                + P + "Xen_DiskSettingData\"><c:ResourceType>19</c:ResourceType><c:PoolID>Xen:Shared/"
                + fx.sim().defaultSrUuid() + "</c:PoolID><c:VirtualQuantity>6</c:VirtualQuantity>"
                + "<c:AllocationUnits>byte*2^20</c:AllocationUnits><c:ElementName>library</c:ElementName>"
                + "</c:Xen_DiskSettingData></q:ResourceSetting>");
        assertEquals("0", String.valueOf(created.get("ReturnValue")), created.toString());
        Map<?, ?> disk = (Map<?, ?>) created.get("ResultingDiskImage");
        byte[] data = new byte[SIZE];
        new Random(12).nextBytes(data);
        Arrays.fill(data, 2 << 20, 4 << 20, (byte) 0);
        Map<String, Object> rw = connect(disk, "bits", false);
        passwordIsTheOwnersOnly(rw);
        String path = URI.create(String.valueOf(rw.get("TargetURI"))).getPath();
        bitsUpload(client(rw), path + ".vhd", vhdOf(data));
        Map<String, Object> off = service("DisconnectFromDiskImage", "<q:ConnectionHandle>" + rw.get("ConnectionHandle")
                + "</q:ConnectionHandle>");
        awaitJob("Xen_DisconnectFromDiskImageJob", off);
        assertEquals(401, client(rw).send("HEAD", path, Map.of(), null).status());
        Map<String, Object> ro = connect(disk, "http", true);
        TransferHttps c = client(ro);
        String roPath = URI.create(String.valueOf(ro.get("TargetURI"))).getPath();
        byte[] raw = c.send("GET", roPath, Map.of(), null).body();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(data), MessageDigest.getInstance("SHA-256").digest(raw), "bit-identical");
        TransferHttps.Reply part = c.send("GET", roPath, Map.of("Range", "bytes=1000-1999"), null);
        assertEquals(206, part.status());
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 2000), part.body());
        byte[] vhd = c.send("GET", roPath + ".vhd", Map.of(), null).body();
        assertTrue(vhd.length < SIZE, "the zero blocks are not sent: " + vhd.length);
        qemuCompare(data, vhd);
    }

    /**
     * The owner read the Password through WS-Man; it is not in the xapi task (which every pool user may
     * read), and the pool's read-only user reading the same job sees no Password.
     */
    private static void passwordIsTheOwnersOnly(Map<String, Object> job) throws Exception {
        String pw = String.valueOf(job.get("Password"));
        assertTrue(pw.length() >= 20, "the owner reads the password: " + job.keySet());
        String id = String.valueOf(job.get("InstanceID"));
        Map<?, ?> task = (Map<?, ?>) fx.sim().record("task", id.substring("Xen:".length())).get("other_config");
        assertTrue(task.get("ConnectionHandle") != null && !task.containsKey("Password")
                && !String.valueOf(task).contains(pw), "no password in the xapi task: " + task.keySet());
        Map<String, Object> seen = MiniJson.object(winrm.linesFor("reader", DaemonFixture.PASSWORD, "get",
                P + "Xen_ConnectToDiskImageJob", "InstanceID=" + id).get(0));
        assertEquals(job.get("TargetURI"), seen.get("TargetURI"), "the reader sees the job");
        Object other = seen.get("Password");
        assertTrue(other == null || String.valueOf(other).isEmpty(), "the reader reads no password: " + other);
    }

    /** The disk as SCVMM's library sends it: a dynamic VHD. */
    private static byte[] vhdOf(byte[] raw) throws Exception {
        org.xenwbem.bridge.transfer.VhdWriter w = new org.xenwbem.bridge.transfer.VhdWriter((off, buf, len) -> {
            Arrays.fill(buf, 0, len, (byte) 0);
            System.arraycopy(raw, (int) off, buf, 0, (int) Math.max(0, Math.min(len, raw.length - off)));
        }, raw.length, java.time.Instant.now(), java.util.UUID.randomUUID());
        w.scan();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        w.writeTo(out);
        return out.toByteArray();
    }

    private static void qemuCompare(byte[] raw, byte[] vhd) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/qemu-img"))) {
            assertTrue(!"1".equals(System.getenv("XENWBEM_REQUIRE_STORAGE")), "qemu-img is required");
            return;
        }
        Path dir = fx.scratch("vhd");
        Path r = Files.write(dir.resolve("d.raw"), raw);
        Path v = Files.write(dir.resolve("d.vhd"), vhd);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/qemu-img", "compare", "--image-opts",
                "driver=raw,file.filename=" + r, "driver=vpc,force_size_calc=current_size,file.filename=" + v));
        ExternalTool.Result res = ExternalTool.run(cmd, Map.of(), dir, Duration.ofSeconds(60));
        assertEquals(0, res.exit(), res.toString());
    }
}
