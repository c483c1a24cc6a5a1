package org.xenwbem.provider.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;

/**
 * Every method that takes a VM, host or snapshot takes it as a reference (path, EPR, reference text)
 * or as the instance itself, as the anchor's clients sent devices.
 */
class ReferenceFormsTest {
    private static MethodFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new MethodFixture(1, 3, 11);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static VmRecord guest(PoolSnapshot s) {
        return s.vms().stream().filter(v -> !v.isControlDomain() && !v.isATemplate() && !v.isASnapshot())
                .findFirst().orElseThrow();
    }

    @Test
    void aVmAsPathAsTextOrAsTheInstance() throws CimException {
        PoolSnapshot s = fx.bridge.mirror().current();
        String vm = guest(s).uuid();
        CimInstance inst = CimInstance.builder(fx.classes.get("Xen_ComputerSystem")).namespace(MethodFixture.NS)
                .set("Name", vm).set("ElementName", "x").build();
        for (Object ref : new Object[] {new CimObjectPath(MethodFixture.NS, "Xen_ComputerSystem", Map.of("Name", vm)),
                "root/cimv2:Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"" + vm + "\"", inst}) {
            assertEquals(vm, FabricRefs.guest(s, ref, "System").uuid(), String.valueOf(ref));
        }
        String host = fx.sim.masterUuid();
        CimInstance h = CimInstance.builder(fx.classes.get("Xen_HostComputerSystem")).namespace(MethodFixture.NS)
                .set("CreationClassName", "Xen_HostComputerSystem").set("Name", host).build();
        assertEquals(host, FabricRefs.hostByRef(s, h, "DestinationSystem").uuid());
    }

    @Test
    void theInstanceNamesAVmByItsInstanceIdToo() {
        CimInstance vssd = CimInstance.builder(fx.classes.get("Xen_ComputerSystem")).namespace(MethodFixture.NS)
                .set("InstanceID", "Xen:abc").build();
        assertEquals("Xen:abc", EmbeddedArgs.identity(vssd).key("InstanceID"));
        assertEquals(null, EmbeddedArgs.identity(vssd).key("Name"));
    }
}
