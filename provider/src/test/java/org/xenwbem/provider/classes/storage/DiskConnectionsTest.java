package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.storage.StorageFixture.ROOT;
import static org.xenwbem.provider.classes.storage.StorageFixture.diskRef;
import static org.xenwbem.provider.classes.storage.StorageFixture.rc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.jobs.JobProviders;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.MethodFixture;
import org.xenwbem.provider.server.http.HttpsServer;
import org.xenwbem.provider.transfer.BitsClient;
import org.xenwbem.provider.transfer.RawHttps;
import org.xenwbem.provider.transfer.TransferService;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;

/** ConnectToDiskImage / DisconnectFromDiskImage on a simulated pool, with bytes moved through the endpoint. */
class DiskConnectionsTest {
    private static final int SIZE = 3 << 20;
    @TempDir
    Path dir;
    private MethodFixture fx;
    private TransferService transfers;
    private StoragePoolManagement service;
    private ServerIdentity identity;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(1, 1, 12);
        identity = ServerIdentity.loadOrGenerate(dir, HostNames.detect());
        transfers = TransferService.start("127.0.0.1", 0, "127.0.0.1", identity,
                new HttpsServer.Limits(64, 64, Duration.ofSeconds(10), Duration.ofSeconds(60), 500));
        service = new StoragePoolManagement(fx.env, transfers);
    }

    @AfterEach
    void down() {
        transfers.close();
        fx.close();
    }

    private String newDisk() throws Exception {
        return newDisk(3);
    }

    private String newDisk(int mib) throws Exception {
        String sr = fx.sim.defaultSrUuid();
        String name = "lib-" + System.nanoTime();
        MethodResult r = fx.call(service, ROOT, "CreateDiskImage", Map.of("ResourceSetting",
                "instance of Xen_DiskSettingData { ResourceType = 19; PoolID = \"Xen:Shared/" + sr + "\"; "
                        + "VirtualQuantity = " + mib + "; AllocationUnits = \"byte*2^20\"; ElementName = \"" + name + "\"; };"));
        assertEquals(0L, rc(r));
        return fx.sim.uuids("VDI").stream().filter(u -> name.equals(fx.sim.record("VDI", u).get("name_label")))
                .findFirst().orElseThrow();
    }

    /**
     * The connect job's properties: its task's other_config (which must hold no password, since every
     * pool user who may read tasks sees it), plus the Password the owner reads from the job instance.
     */
    private Map<?, ?> connect(String sr, String vdi, String protocol, boolean readOnly) throws Exception {
        Map<String, Object> in = new HashMap<>(Map.of("DiskImage", diskRef(sr, vdi), "Protocol", protocol,
                "UseSSL", true, "ReadOnly", readOnly, "TimeoutInMinutes", 10L));
        MethodResult r = fx.call(service, ROOT, "ConnectToDiskImage", in);
        Map<?, ?> oc = fx.awaitJob(r);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        String id = String.valueOf(((CimObjectPath) r.out().get("Job")).key("InstanceID"));
        fx.synced();
        String password = (String) job(ROOT, id).get("Password");
        assertTrue(password != null && password.length() >= 20, "the owner reads the password: " + password);
        assertFalse(oc.containsKey("Password") || String.valueOf(oc).contains(password),
                "the password is not in the xapi task: " + oc.keySet());
        Map<Object, Object> out = new HashMap<>(oc);
        out.put("Password", password);
        out.put("InstanceID", id);
        return out;
    }

    /** The connect job as {@code who} reads it (Get), checked to be what Enumerate shows them too. */
    private CimInstance job(RequestContext who, String instanceId) throws Exception {
        ProviderContext pc = new ProviderContext(fx.classes, () -> fx.bridge.mirror().current(), "test", () -> "");
        InstanceProvider jobs = ConnectionPasswords.revealing(JobProviders.all(pc), transfers).stream()
                .filter(p -> DiskConnections.CONNECT_JOB.equals(p.className())).findFirst().orElseThrow();
        CimInstance got = jobs.get(who, Map.of("InstanceID", instanceId)).orElseThrow();
        CimInstance listed = jobs.enumerate(who).stream()
                .filter(i -> instanceId.equals(i.get("InstanceID"))).findFirst().orElseThrow();
        assertEquals(got.get("Password"), listed.get("Password"));
        assertEquals(got.get("TargetURI"), listed.get("TargetURI"));
        return got;
    }

    private RawHttps client(Map<?, ?> job) throws Exception {
        return new RawHttps(identity.certificate(), transfers.port()).as((String) job.get("Username"),
                (String) job.get("Password"));
    }

    private static String path(Map<?, ?> job) {
        return java.net.URI.create((String) job.get("TargetURI")).getPath();
    }

    @Test
    void connectUploadByBitsDisconnectThenReadBackReadOnly() throws Exception {
        String sr = fx.sim.defaultSrUuid();
        String vdi = newDisk();
        Map<?, ?> rw = connect(sr, vdi, "bits", false);
        assertTrue(((String) rw.get("TargetURI")).startsWith("https://127.0.0.1:" + transfers.port() + "/transfer/"));
        assertTrue(((String) rw.get("SSLCertificate")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertEquals(rw.get("ConnectionHandle"), path(rw).substring("/transfer/".length()));
        byte[] data = new byte[SIZE];
        new Random(4).nextBytes(data);
        Arrays.fill(data, 0, 2 << 20, (byte) 0);
        BitsClient.upload(client(rw), path(rw), data);
        Map<?, ?> off = fx.awaitJob(fx.call(service, ROOT, "DisconnectFromDiskImage",
                Map.of("ConnectionHandle", rw.get("ConnectionHandle"))));
        assertEquals("7", off.get(JobState.STATE), off.toString());
        assertEquals(401, client(rw).send("HEAD", path(rw), Map.of(), null).status(), "a closed connection is refused");
        Map<?, ?> ro = connect(sr, vdi, "http", true);
        RawHttps c = client(ro);
        assertArrayEquals(data, c.send("GET", path(ro), Map.of(), null).body());
        assertArrayEquals(Arrays.copyOfRange(data, 100, 200),
                c.send("GET", path(ro), Map.of("Range", "bytes=100-199"), null).body());
        assertEquals(403, c.send("PUT", path(ro), Map.of(), new byte[512]).status());
        assertTrue(c.send("GET", path(ro) + ".vhd", Map.of(), null).body().length < SIZE + 4096,
                "the zero block is not in the VHD");
    }

    @Test
    void thePasswordIsShownToItsOwnerOnlyAndNeverStoredOrLogged() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("org.xenwbem");
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.ALL);
        try {
            String sr = fx.sim.defaultSrUuid();
            Map<?, ?> rw = connect(sr, newDisk(), "http", false);
            String pw = (String) rw.get("Password");
            String id = (String) rw.get("InstanceID");
            Map<?, ?> task = (Map<?, ?>) fx.sim.record("task", id.substring(4)).get("other_config");
            assertFalse(task.containsKey("Password") || String.valueOf(task).contains(pw), task.keySet().toString());
            assertEquals(200, client(rw).send("HEAD", path(rw), Map.of(), null).status(),
                    "the owner's password authenticates at the TargetURI");
            for (RequestContext other : new RequestContext[] {MethodFixture.as("reader", "read-only"),
                    MethodFixture.as("alice", "pool-admin")}) {
                CimInstance seen = job(other, id);
                assertEquals(rw.get("TargetURI"), seen.get("TargetURI"), "the job itself is visible");
                assertNull(seen.get("Password"), other.user() + " reads no password");
            }
            fx.awaitJob(fx.call(service, ROOT, "DisconnectFromDiskImage",
                    Map.of("ConnectionHandle", rw.get("ConnectionHandle"))));
            assertNull(job(ROOT, id).get("Password"), "a closed connection's password is gone");
            for (ILoggingEvent e : logs.list) {
                String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : e.getThrowableProxy().getMessage());
                assertFalse(line.contains(pw), "logged: " + line);
            }
            assertFalse(logs.list.isEmpty(), "the capture saw the daemon's log lines");
        } finally {
            root.setLevel(level);
            root.detachAppender(logs);
        }
    }

    private long percent(String instanceId) throws Exception {
        return ((Number) job(ROOT, instanceId).get("PercentComplete")).longValue();
    }

    @Test
    void theConnectJobShowsTheRunningTransfersProgressAsPercentComplete() throws Exception {
        String sr = fx.sim.defaultSrUuid();
        String vdi = newDisk();
        Map<?, ?> rw = connect(sr, vdi, "bits", false);
        String id = (String) rw.get("InstanceID");
        assertEquals(100, percent(id), "a ready connection reads 100, as clients poll for");
        byte[] data = new byte[SIZE];
        new Random(9).nextBytes(data);
        RawHttps c = client(rw);
        String session = BitsClient.createSession(c, path(rw));
        assertEquals(200, BitsClient.fragment(c, path(rw), session, data, 0, 1 << 20, -1).status());
        assertEquals(33, percent(id), "one MiB of three received");
        assertEquals(200, BitsClient.fragment(c, path(rw), session, data, 1 << 20, 2 << 20, -1).status());
        assertEquals(66, percent(id));
        assertEquals(200, BitsClient.fragment(c, path(rw), session, data, 2 << 20, SIZE, -1).status());
        assertEquals(200, c.send("BITS_POST", path(rw), BitsClient.bits("Close-Session", session), new byte[0]).status());
        assertEquals(100, percent(id), "done: back to the job's own 100");
        String big = newDisk(64);
        Map<?, ?> ro = connect(sr, big, "http", true);
        String roId = (String) ro.get("InstanceID");
        try (javax.net.ssl.SSLSocket s = socket()) {
            String auth = java.util.Base64.getEncoder().encodeToString((ro.get("Username") + ":" + ro.get("Password"))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            s.getOutputStream().write(("GET " + path(ro) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + auth
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getInputStream().readNBytes(1 << 20);
            long seen = percent(roId);
            assertTrue(seen > 0 && seen < 100, "a download read 1 MiB of 64 in is part-way: " + seen);
        }
        for (int i = 0; i < 250 && percent(roId) != 100; i++) {
            Thread.sleep(20);
        }
        assertEquals(100, percent(roId), "the dropped download no longer counts");
    }

    private javax.net.ssl.SSLSocket socket() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("endpoint", identity.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", transfers.port());
    }

    @Test
    void iscsiIsNotSupportedAndUnknownHandlesAreInvalid() throws Exception {
        String sr = fx.sim.defaultSrUuid();
        String vdi = newDisk();
        CimException e = assertThrows(CimException.class, () -> fx.call(service, ROOT, "ConnectToDiskImage",
                Map.of("DiskImage", diskRef(sr, vdi), "Protocol", "iscsi")));
        assertEquals(CimStatus.NOT_SUPPORTED, e.status());
        assertTrue(e.getMessage().contains("bits") && e.getMessage().contains("http"), e.getMessage());
        assertEquals(CimStatus.INVALID_PARAMETER, assertThrows(CimException.class, () -> fx.call(service, ROOT,
                "DisconnectFromDiskImage", Map.of("ConnectionHandle", "nosuchhandle0000"))).status());
        assertEquals(CimStatus.INVALID_PARAMETER, assertThrows(CimException.class, () -> fx.call(service, ROOT,
                "ConnectToDiskImage", Map.of("DiskImage", diskRef(sr, vdi), "TimeoutInMinutes", -1L))).status());
        assertFalse(transfers.registry().sweep() > 0);
    }
}
