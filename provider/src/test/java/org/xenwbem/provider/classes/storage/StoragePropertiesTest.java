package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.storage.StorageFixture.ROOT;
import static org.xenwbem.provider.classes.storage.StorageFixture.createArgs;
import static org.xenwbem.provider.classes.storage.StorageFixture.srSettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.perf.PerfSnapshot;
import org.xenwbem.bridge.storage.ArrayAdapters;
import org.xenwbem.bridge.storage.ArrayConfig;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * Xen_StoragePool and Xen_DiskImage tell size, use, allocation, thin or thick, and what the offload layer
 * does for the SR: a file SR in a real directory gets the real reflink adapter, whose probe of that file
 * system decides what it offloads.
 */
class StoragePropertiesTest {
    @TempDir
    Path mount;
    private StorageFixture st;
    private CimOperations ops;

    @BeforeEach
    void up() throws Exception {
        st = new StorageFixture();
        OffloadedDisks offload = new OffloadedDisks(new ArrayAdapters(ArrayConfig.defaults(), mount),
                java.time.Duration.ofMinutes(1));
        ProviderContext pc = new ProviderContext(st.fx.classes, () -> st.fx.bridge.mirror().current(), "cn.example",
                () -> "", () -> PerfSnapshot.EMPTY, offload);
        ops = Catalog.register(CimOperations.builder().namespace(StorageFixture.NS, st.fx.classes), pc).build();
    }

    @AfterEach
    void down() {
        st.close();
    }

    private CimInstance pool(String sr) throws Exception {
        return ops.enumerateInstances(RequestContext.internal("t"), StorageFixture.NS, "Xen_StoragePool").stream()
                .filter(i -> sr.equals(i.get("PoolID"))).findFirst().orElseThrow();
    }

    @Test
    void aPoolSaysItsSpaceProvisioningAndOffload() throws Exception {
        String file = st.completed(st.call(ROOT, "CreateStoragePool", createArgs("files",
                srSettings("file", 19, "location=" + mount))));
        String lvm = st.completed(st.call(ROOT, "CreateStoragePool", createArgs("thick",
                srSettings("lvm", 19, "device=/dev/sdd"))));
        st.fx.synced();
        CimInstance f = pool(file);
        Map<String, Object> rec = st.fx.sim.record("SR", file);
        assertEquals(rec.get("physical_size"), f.get("PhysicalSize"));
        assertEquals(rec.get("physical_utilisation"), f.get("PhysicalUtilisation"));
        assertEquals(rec.get("virtual_allocation"), f.get("VirtualAllocation"));
        assertEquals(f.get("PhysicalSize"), f.get("Capacity"));
        assertEquals("reflink", f.get("OffloadAdapter"));
        assertTrue(String.valueOf(f.get("OffloadDetail")).length() > 0);
        assertEquals("thin", f.get("Provisioning"));
        CimInstance l = pool(lvm);
        assertEquals("thick", l.get("Provisioning"));
        assertEquals("", l.get("OffloadAdapter"));
        assertEquals(List.of(), l.get("OffloadedOperations"));
    }

    @Test
    void aDiskSaysItsSizesAndWhoMadeIt() throws Exception {
        String sr = st.fx.sim.defaultSrUuid();
        st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting", "instance of Xen_DiskSettingData { ResourceType = 19;"
                + " PoolID = \"" + sr + "\"; VirtualQuantity = 3; AllocationUnits = \"byte*2^30\"; ElementName = \"sized\"; };"));
        CimInstance d = ops.enumerateInstances(RequestContext.internal("t"), StorageFixture.NS, "Xen_DiskImage").stream()
                .filter(i -> "sized".equals(i.get("ElementName"))).findFirst().orElseThrow();
        assertEquals(3L << 30, ((Number) d.get("VirtualSize")).longValue());
        assertEquals(d.get("NumberOfBlocks"), d.get("VirtualSize"));
        assertEquals("", d.get("OffloadAdapter"));
        assertEquals(false, d.get("IsSnapshot"));
        assertTrue(List.of("thin", "thick").contains(d.get("Provisioning")));
    }
}
