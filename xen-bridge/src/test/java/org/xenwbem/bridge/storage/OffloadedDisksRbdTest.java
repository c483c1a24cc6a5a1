package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.xenwbem.bridge.jsonrpc.JsonReader;

/** The orchestration on a real Ceph pool: no image and no RBD snapshot survives a fault. */
class OffloadedDisksRbdTest extends OffloadedDisksContract {
    private static CephFixture ceph;
    private static RbdAdapter real;

    @BeforeAll
    static void cluster() {
        ceph = CephFixture.get();
        Map<String, String> dc = ceph.deviceConfig();
        real = new RbdAdapter(new RbdCli.Target(dc.get("conf"), dc.get("pool"), dc.get("user"), dc.get("keyring")));
    }

    @Override
    StorageAdapter realAdapter() {
        return real;
    }

    @Override
    Set<String> held() throws Exception {
        List<?> images = (List<?>) JsonReader.parse(ceph.run("rbd", "ls", "--format", "json", "-p", "rbd"));
        return images.stream().map(String::valueOf).filter(n -> n.startsWith("VHD-")).map(n -> n.substring(4))
                .collect(Collectors.toSet());
    }

    @Override
    void seed(String vdi) throws Exception {
        ceph.run("rbd", "create", "--size", "8M", "rbd/" + RbdAdapter.image(vdi));
    }

    @Override
    String srType() {
        return "rbd";
    }

    @Override
    void assertNoTraceBeyondTheSource() throws Exception {
        assertEquals(List.of(), JsonReader.parse(ceph.run("rbd", "snap", "ls", "--format", "json",
                "rbd/" + RbdAdapter.image(source))), "no snapshot is left on the source image");
        assertEquals(Set.of(source), held());
    }
}
