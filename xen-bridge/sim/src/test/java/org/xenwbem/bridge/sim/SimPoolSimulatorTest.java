package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.spi.PoolShape;
import org.xenwbem.bridge.spi.PoolSimulator;
import org.xenwbem.bridge.spi.PoolSimulators;
import org.xenwbem.bridge.spi.SimulatedXapi;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/** The simulator as the daemon finds it: xen-bridge's PoolSimulator service, through ServiceLoader. */
class SimPoolSimulatorTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theServiceLoaderFindsThisModulesSimulator() {
        assertInstanceOf(SimPoolSimulator.class, PoolSimulators.require());
    }

    @Test
    void aPoolOfTheAskedShapeServesItsPasswordUntilClosed() throws Exception {
        PoolSimulator simulator = PoolSimulators.require();
        URI url;
        try (SimulatedXapi xapi = simulator.start(new PoolShape(3, 2, 1, 1, 7, "shape-pw", false), "127.0.0.1", 0)) {
            url = xapi.url();
            SimState s = assertInstanceOf(SimulatedPool.class, xapi).state();
            assertEquals(3, s.hostUuids().size());
            assertTrue(s.vmUuidByName("sim-vm-1").isPresent());
            assertTrue(s.vmUuidByName("sim-vm-2").isEmpty(), "two VMs, sim-vm-0 and sim-vm-1");
            assertInstanceOf(XenApiResult.Success.class, login(url, "shape-pw"));
            assertInstanceOf(XenApiResult.Failure.class, login(url, "other"));
        }
        assertThrows(IOException.class, () -> login(url, "shape-pw"), "closed: nothing listens any more");
    }

    @Test
    void theShapesStorageRootHoldsTheSeededSrsAndOutlivesThePool(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path root = dir.resolve("sim-storage");
        try (SimulatedXapi xapi = PoolSimulators.require().start(new PoolShape(1, 1, 1, 1, 7, "pw", false, root),
                "127.0.0.1", 0)) {
            assertEquals(root.toAbsolutePath(), xapi.storageRoot().orElseThrow());
            SimState s = assertInstanceOf(SimulatedPool.class, xapi).state();
            for (String sr : s.uuids("SR")) {
                assertTrue(java.nio.file.Files.isRegularFile(root.resolve(sr).resolve("sr-metadata")), sr);
            }
            String vdi = s.uuids("VDI").get(0);
            String sr = s.uuidOfRef("SR", (String) s.record("VDI", vdi).get("SR"));
            assertEquals((Long) s.record("VDI", vdi).get("virtual_size"),
                    java.nio.file.Files.size(root.resolve(sr).resolve(vdi + ".raw")));
        }
        assertTrue(java.nio.file.Files.isDirectory(root), "an asked-for storage root is kept");
        java.nio.file.Path temporary;
        try (SimulatedXapi xapi = PoolSimulators.require().start(new PoolShape(1, 0, 0, 0, 7, "pw", false),
                "127.0.0.1", 0)) {
            temporary = xapi.storageRoot().orElseThrow();
            assertTrue(java.nio.file.Files.isDirectory(temporary));
        }
        assertTrue(!java.nio.file.Files.exists(temporary), "a temporary one is deleted on close");
    }

    @Test
    void standaloneServingRefusesBadArgumentsWithTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = PoolSimulators.require().serveStandalone(new String[] {"--hosts", "zero"},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(SimMain.EXIT_USAGE, rc);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: sim [--port N]"), out.toString());
    }

    @Test
    void theShapeNeverShowsThePassword() {
        assertTrue(!new PoolShape(1, 1, 1, 1, 1, "hidden-pw", true).toString().contains("hidden-pw"));
    }

    private static XenApiResult login(URI url, String password) throws Exception {
        String body = XmlRpcWriter.methodCall("session.login_with_password", List.of("root", password, "2.0", "t"));
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return XenApiResult.fromStruct(new XmlRpcReader().readResponse(r.body()));
    }
}
