package org.xenwbem.cim.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

class SchemaLoaderTest {
    private final ClassRepository repo = SchemaLoader.cimv2();

    @Test
    void hostHasSystemKeysAndInheritedState() {
        CimClass host = repo.get("Xen_HostComputerSystem");
        assertNotNull(host);
        assertEquals("CIM_ComputerSystem", host.superclass());
        // keyNames() follows the flattened property order, where Name keeps its CIM_ManagedSystemElement slot
        assertEquals(Set.of("CreationClassName", "Name"), Set.copyOf(host.keyNames()));
        assertEquals(2, host.keyNames().size());
        CimProperty enabled = host.property("EnabledState");
        assertEquals(CimType.UINT16, enabled.type());
        assertEquals(5L, enabled.defaultValue());
        assertEquals("CIM_EnabledLogicalElement", enabled.classOrigin());
        assertTrue(enabled.propagated());
        List<?> valueMap = (List<?>) enabled.qualifier("ValueMap").value();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11..32767", "32768..65535"),
                valueMap);
        assertEquals("Enabled but Offline", ((List<?>) enabled.qualifier("Values").value()).get(6));
    }

    @Test
    void hostOwnAndOverriddenProperties() {
        CimClass host = repo.get("Xen_HostComputerSystem");
        CimProperty cn = host.property("CN");
        assertEquals(CimType.STRING, cn.type());
        assertEquals("Xen_HostComputerSystem", cn.classOrigin());
        assertFalse(cn.propagated());
        assertEquals(CimType.SINT32, host.property("TimeOffset").type());
        assertTrue(host.property("OtherConfig").array());
        assertEquals(CimType.DATETIME, host.property("StartTime").type());
        CimProperty name = host.property("Name");
        assertEquals("CIM_ManagedSystemElement", name.classOrigin());
        assertEquals(256L, name.qualifier("MaxLen").value());
        assertTrue(name.isKey());
        assertEquals("CIM_System", host.property("CreationClassName").classOrigin());
        assertEquals(CimType.UINT32, name.qualifier("MaxLen").type());
    }

    @Test
    void requestStateChangeIsInheritedWithItsParameters() {
        CimMethod rsc = repo.get("Xen_HostComputerSystem").method("RequestStateChange");
        assertEquals(CimType.UINT32, rsc.returnType());
        assertEquals("CIM_EnabledLogicalElement", rsc.classOrigin());
        assertEquals(List.of("RequestedState", "Job", "TimeoutPeriod"),
                rsc.parameters().stream().map(CimParameter::name).toList());
        CimParameter job = rsc.parameter("Job");
        assertEquals(CimType.REFERENCE, job.type());
        assertEquals("CIM_ConcreteJob", job.referenceClass());
        assertTrue(job.isOut());
        assertFalse(job.isIn());
        assertTrue(rsc.parameter("RequestedState").isIn());
        assertFalse(rsc.parameter("RequestedState").isOut());
        assertEquals(CimType.DATETIME, rsc.parameter("TimeoutPeriod").type());
        List<?> codes = (List<?>) rsc.qualifiers().stream()
                .filter(q -> q.name().equals("ValueMap")).findFirst().orElseThrow().value();
        assertTrue(codes.containsAll(List.of("0", "4096", "4097", "4098", "4099")));
    }

    @Test
    void vmOverridesRequestStateChangeWithXenStates() {
        CimClass vm = repo.get("Xen_ComputerSystem");
        CimMethod rsc = vm.method("RequestStateChange");
        assertEquals("Xen_ComputerSystem", rsc.classOrigin());
        List<?> states = (List<?>) rsc.parameter("RequestedState").qualifier("ValueMap").value();
        assertTrue(states.containsAll(List.of("32768", "32769")));
        assertEquals(CimType.STRING, vm.property("Host").type());
        assertEquals(CimType.STRING, vm.property("NetBiosName").type());
    }

    @Test
    void hierarchyQueries() {
        assertTrue(repo.isA("Xen_ComputerSystem", "CIM_ManagedElement"));
        assertTrue(repo.isA("Xen_HostComputerSystem", "CIM_EnabledLogicalElement"));
        assertFalse(repo.isA("CIM_ConcreteJob", "CIM_System"));
        List<String> subs = repo.subclasses("CIM_ComputerSystem", true);
        assertTrue(subs.contains("Xen_HostComputerSystem"));
        assertTrue(subs.contains("Xen_ComputerSystem"));
        assertTrue(repo.rootClasses().contains("CIM_ManagedElement"));
        assertFalse(repo.rootClasses().contains("Xen_ComputerSystem"));
        assertTrue(repo.get("CIM_System").isAbstract());
        assertFalse(repo.get("CIM_ComputerSystem").isAbstract());
        assertEquals(List.of("InstanceID"), repo.get("CIM_ConcreteJob").keyNames());
        assertEquals(CimDateTime.ofInterval(Duration.ofMinutes(5)),
                repo.get("CIM_ConcreteJob").property("TimeBeforeRemoval").defaultValue());
    }

    @Test
    void buildsAHostInstance() {
        CimInstance host = CimInstance.builder(repo.get("Xen_HostComputerSystem"))
                .namespace("root/cimv2")
                .set("CreationClassName", "Xen_HostComputerSystem")
                .set("Name", "1b9a1d2c-4f7e-4b55-9a1e-0a2b3c4d5e6f")
                .set("ElementName", "xcp-host-1")
                .set("CN", "xcp-host-1.example.org")
                .set("OperationalStatus", List.of(2))
                .set("AvailableRequestedStates", List.of(3L, 10L, 4L))
                .set("OtherConfig", List.of("agent_start_time=1718000000."))
                .set("TimeOffset", 7200)
                .set("StartTime", CimDateTime.of(Instant.parse("2024-06-10T08:00:00Z")))
                .build();
        assertEquals(5L, host.get("EnabledState"));
        assertEquals(2L, host.get("EnabledDefault"));
        assertEquals(List.of(2L), host.get("OperationalStatus"));
        assertEquals(7200L, host.get("timeoffset"));
        CimObjectPath path = host.path();
        assertEquals(new CimObjectPath("root/cimv2", "Xen_HostComputerSystem", Map.of(
                "CreationClassName", "Xen_HostComputerSystem", "Name", "1b9a1d2c-4f7e-4b55-9a1e-0a2b3c4d5e6f")),
                path);
        assertThrows(SchemaException.class,
                () -> CimInstance.builder(repo.get("Xen_HostComputerSystem")).set("Host", "x"));
    }

    @Test
    void compiledOnceAndSharedAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ClassRepository>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(SchemaLoader::cimv2);
            }
            for (Future<ClassRepository> f : pool.invokeAll(calls)) {
                assertSame(repo, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void recompilingTheBundledSchemaGivesTheSameClasses() {
        MofCompiler.compileResources(List.of(SchemaLoader.CIMV2_INDEX));
        long start = System.nanoTime();
        ClassRepository fresh = MofCompiler.compileResources(List.of(SchemaLoader.CIMV2_INDEX));
        long micros = (System.nanoTime() - start) / 1000;
        System.out.printf("compiled %d classes in %.2f ms (warm)%n", fresh.all().size(), micros / 1000.0);
        assertEquals(repo.all().size(), fresh.all().size());
    }
}
