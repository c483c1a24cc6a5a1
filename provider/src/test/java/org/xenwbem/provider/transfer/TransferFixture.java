package org.xenwbem.provider.transfer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XapiPoolSession;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;
import org.xenwbem.provider.server.http.HttpsServer;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;

/** A simulated pool with real VDI bytes and a transfer endpoint on 127.0.0.1, for the endpoint tests. */
final class TransferFixture implements AutoCloseable {
    static final int SIZE = 5 * (1 << 20) + 3 * 512;

    final SimulatedPool pool;
    final URI url;
    final ServerIdentity identity;
    final TransferService service;
    final XenApiSession admin;

    TransferFixture(Path dir) throws Exception {
        pool = SimulatedPool.builder().hosts(1).vms(1).seed(12).rootPassword("pw").build();
        url = pool.start("127.0.0.1", 0);
        identity = ServerIdentity.loadOrGenerate(dir, HostNames.detect());
        service = TransferService.start("127.0.0.1", 0, "127.0.0.1", identity,
                new HttpsServer.Limits(64, 64, Duration.ofSeconds(10), Duration.ofSeconds(60), 500));
        admin = connection().login("root", "pw".toCharArray(), "transfer-test");
    }

    XenApiConnection connection() {
        return XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(30), XenApiProtocol.XML_RPC);
    }

    PoolSession userSession(String user) throws Exception {
        return XapiPoolSession.login(connection(), user, "pw".toCharArray());
    }

    String newVdi(long size) throws Exception {
        Object pool0 = ((List<?>) admin.call("pool.get_all")).get(0);
        Object sr = admin.call("pool.get_default_SR", pool0);
        Object vdi = admin.call("VDI.create", Map.of("name_label", "transfer", "SR", sr, "virtual_size",
                Long.toString(size), "type", "user", "sharable", false, "read_only", false, "other_config", Map.of()));
        return String.valueOf(admin.call("VDI.get_uuid", vdi));
    }

    /** A disk image with data, a zero hole of a whole block, and a partial last block. */
    static byte[] content(long seed) {
        byte[] d = new byte[SIZE];
        Random r = new Random(seed);
        for (int i = 0; i < (1 << 20) + 777; i++) {
            d[i] = (byte) r.nextInt();
        }
        for (int i = 4 << 20; i < SIZE; i++) {
            d[i] = (byte) r.nextInt();
        }
        return d;
    }

    byte[] read(String vdiUuid) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new VdiTransfer(admin).exportVdi(vdiUuid, VdiFormat.RAW, out);
        return out.toByteArray();
    }

    void write(String vdiUuid, byte[] data) throws Exception {
        new VdiTransfer(admin).importVdi(vdiUuid, VdiFormat.RAW, new java.io.ByteArrayInputStream(data), data.length);
    }

    /** The VDI's other_config, as the simulator holds it. */
    Map<?, ?> otherConfig(String vdiUuid) {
        return (Map<?, ?>) pool.state().record("VDI", vdiUuid).get("other_config");
    }

    RawHttps client(TransferRegistry.Grant g) throws Exception {
        return new RawHttps(identity.certificate(), service.port()).as(g.username(), g.password());
    }

    static Path file(Path dir, String name, byte[] b) throws Exception {
        return Files.write(dir.resolve(name), b);
    }

    @Override
    public void close() throws Exception {
        service.close();
        admin.logout();
        pool.close();
    }
}
