package org.xenwbem.provider.classes.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.lifecycle.LifecycleFixtures.snapshot;
import static org.xenwbem.provider.classes.lifecycle.LifecycleFixtures.vm;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.provider.cimom.indications.Indication;

/** Snapshot comparison: which changes are indications, and what they carry. */
class VmChangeDetectorTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final long GB = 1L << 30;
    private VmChangeDetector d;
    private VmRecord a;
    private VmRecord b;

    @BeforeEach
    void setUp() {
        d = new VmChangeDetector(LifecycleFixtures.indications(), LifecycleFixtures::toInstance);
        a = vm("aaaa", "alpha", PowerState.Halted, GB, 1);
        b = vm("bbbb", "beta", PowerState.Running, GB, 2);
        assertEquals(List.of(), d.next(snapshot(1, a, b), T), "the first snapshot is the baseline");
    }

    @Test
    void powerStateChangeIsModificationWithBothInstances() {
        List<Indication> out = d.next(snapshot(2, vm("aaaa", "alpha", PowerState.Running, GB, 1), b), T);
        assertEquals(1, out.size());
        Indication m = out.get(0);
        assertEquals("Xen_ComputerSystemModification", m.className());
        assertEquals(2L, m.source().get("EnabledState"));
        assertEquals(3L, m.previous().get("EnabledState"));
        assertEquals(CimDateTime.of(T), m.instance().get("IndicationTime"));
        assertEquals("Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"aaaa\"",
                m.instance().get("SourceInstanceModelPath"));
    }

    @Test
    void nameMemoryAndVcpusAreModifications() {
        assertEquals(1, d.next(snapshot(2, vm("aaaa", "renamed", PowerState.Halted, GB, 1), b), T).size());
        assertEquals(1, d.next(snapshot(3, vm("aaaa", "renamed", PowerState.Halted, GB, 1),
                LifecycleFixtures.withMemory(b, 2 * GB, GB)), T).size(), "static max");
        assertEquals(1, d.next(snapshot(4, vm("aaaa", "renamed", PowerState.Halted, GB, 4),
                LifecycleFixtures.withMemory(b, 2 * GB, GB)), T).size(), "VCPUs");
    }

    @Test
    void otherChangesAreNotIndications() {
        VmRecord described = new VmRecord(a.uuid(), a.nameLabel(), "new description", a.powerState(), false, false,
                false, false, "", null, "", "", a.memoryStaticMin(), a.memoryStaticMax(), a.memoryDynamicMin(),
                a.memoryDynamicMax(), a.vcpusMax(), a.vcpusAtStartup(), a.domid(), a.otherConfig(), a.platform(), null,
                a.memoryTarget(), 0, "hvm", 0, a.vcpusParams(), "destroy", "restart", "restart", "BIOS order",
                a.hvmBootParams(), 1.0, "", "", "", "", "", "", a.xenstoreData(), List.of(), a.currentOperations(),
                a.blockedOperations(), List.of(), "", List.of(), List.of(), List.of(), List.of(), List.of(), "", "");
        assertEquals(List.of(), d.next(snapshot(2, described, b), T));
    }

    @Test
    void creationAndDeletionCarryTheInstance() {
        VmRecord c = vm("cccc", "gamma", PowerState.Halted, GB, 1);
        List<Indication> created = d.next(snapshot(2, a, b, c), T);
        assertEquals(List.of("Xen_ComputerSystemCreation"), created.stream().map(Indication::className).toList());
        assertEquals("cccc", created.get(0).source().get("Name"));
        assertNull(created.get(0).previous());
        List<Indication> deleted = d.next(snapshot(3, a, c), T);
        assertEquals(List.of("Xen_ComputerSystemDeletion"), deleted.stream().map(Indication::className).toList());
        assertEquals("beta", deleted.get(0).source().get("ElementName"), "the last known instance");
    }

    @Test
    void templatesAreNotSystems() {
        VmRecord t = vm("tttt", "template", PowerState.Halted, GB, 1, true);
        assertEquals(List.of(), d.next(snapshot(2, a, b, t), T));
        List<Indication> out = d.next(snapshot(3, a, vm("bbbb", "beta", PowerState.Halted, GB, 2, true), t), T);
        assertEquals(List.of("Xen_ComputerSystemDeletion"), out.stream().map(Indication::className).toList(),
                "a VM turned into a template is gone from Xen_ComputerSystem");
    }

    @Test
    void olderOrSameGenerationsAreIgnored() {
        assertEquals(List.of(), d.next(snapshot(1, vm("aaaa", "x", PowerState.Running, GB, 1), b), T));
        assertTrue(d.next(snapshot(5, vm("aaaa", "x", PowerState.Running, GB, 1), b), T).size() == 1);
    }
}
