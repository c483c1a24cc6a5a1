package org.xenwbem.cim.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;

/**
 * The bundled schema against the anchor's catalog (xs-cim): every Xen_ class with its superclass,
 * associations, keys, the extrinsic methods with their parameters, and the extra properties.
 */
class CatalogTest {
    /** The reference table, when the shared docs are checked out next to the repository. */
    private static final Path REFERENCE = Path.of("../../shared/reference/xs-cim-classes.md");
    private static final String LIST = "xs-cim-classes.txt";

    private final ClassRepository repo = SchemaLoader.cimv2();

    record Row(String name, String superclass, String kind) {
    }

    /** The non-comment lines of a test resource next to this class. */
    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = CatalogTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }

    private static List<Row> catalog() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : lines(LIST)) {
            String[] f = line.trim().split("\\s+");
            rows.add(new Row(f[0], f[1], f[2]));
        }
        return rows;
    }

    @Test
    void listMatchesTheReferenceTable() throws IOException {
        List<Row> rows = catalog();
        assertEquals(215, rows.size());
        assertEquals(214, rows.stream().map(Row::name).distinct().count(), "Xen_SystemDevice is listed twice");
        assertEquals(101, rows.stream().filter(r -> r.kind().equals("association")).count());
        assertEquals(3, rows.stream().filter(r -> r.kind().equals("indication")).count());
        if (!Files.exists(REFERENCE)) {
            return;
        }
        Pattern row = Pattern.compile("^\\| `(Xen_\\w+)` \\| `(\\w*)` \\| (\\w+) \\|");
        List<Row> table = new ArrayList<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                table.add(new Row(m.group(1), m.group(2), m.group(3)));
            }
        }
        assertEquals(rows.size(), table.size());
        for (int i = 0; i < rows.size(); i++) {
            Row want = table.get(i);
            Row have = rows.get(i);
            assertEquals(want.name(), have.name());
            assertEquals(want.kind(), have.kind());
            if (!want.superclass().isEmpty()) {
                assertEquals(want.superclass(), have.superclass(), want.name());
            }
        }
    }

    @Test
    void everyClassResolvesWithItsSuperclass() throws IOException {
        for (Row r : catalog()) {
            CimClass c = repo.get(r.name());
            assertNotNull(c, r.name());
            assertEquals(r.name(), c.name());
            assertEquals(r.superclass(), c.superclass(), r.name());
            assertFalse(c.isAbstract(), r.name());
            assertEquals(r.kind().equals("association"), c.isAssociation(), r.name());
            assertEquals(r.kind().equals("indication"), c.isIndication(), r.name());
        }
    }

    @Test
    void associationsNarrowTheirReferences() throws IOException {
        for (Row r : catalog()) {
            if (!r.kind().equals("association")) {
                continue;
            }
            CimClass c = repo.get(r.name());
            CimClass sup = repo.get(c.superclass());
            List<CimProperty> refs = c.properties().stream().filter(p -> p.type() == CimType.REFERENCE).toList();
            assertTrue(refs.size() >= 2, r.name());
            for (CimProperty ref : refs) {
                assertNotNull(repo.get(ref.referenceClass()), r.name() + "." + ref.name());
                assertTrue(ref.isKey(), r.name() + "." + ref.name() + " is a key");
                CimProperty inherited = sup.property(ref.name());
                assertNotNull(inherited, r.name() + "." + ref.name() + " exists in " + sup.name());
                assertTrue(repo.isA(ref.referenceClass(), inherited.referenceClass()),
                        r.name() + "." + ref.name() + ": " + ref.referenceClass() + " is not a " + inherited.referenceClass());
            }
        }
    }

    @Test
    void keysAsTheAnchor() {
        Set<String> system = Set.of("CreationClassName", "Name");
        Set<String> device = Set.of("SystemCreationClassName", "SystemName", "CreationClassName", "DeviceID");
        Set<String> service = Set.of("SystemName", "SystemCreationClassName", "CreationClassName", "Name");
        Set<String> instanceId = Set.of("InstanceID");
        Map<Set<String>, List<String>> expected = new LinkedHashMap<>();
        expected.put(system, List.of("Xen_HostComputerSystem", "Xen_ComputerSystem", "Xen_VirtualSwitch"));
        expected.put(device, List.of("Xen_DiskImage", "Xen_MemoryState", "Xen_HostProcessor", "Xen_HostMemory",
                "Xen_HostNetworkPort", "Xen_Processor", "Xen_Memory", "Xen_Disk", "Xen_DiskDrive", "Xen_NetworkPort",
                "Xen_Console", "Xen_KVP", "Xen_VirtualSwitchPort"));
        expected.put(service, List.of("Xen_VirtualSystemManagementService", "Xen_VirtualSystemMigrationService",
                "Xen_VirtualSystemSnapshotService", "Xen_StoragePoolManagementService",
                "Xen_VirtualSwitchManagementService", "Xen_MetricService", "Xen_VirtualSwitchLANEndpoint",
                "Xen_ComputerSystemLANEndpoint"));
        expected.put(instanceId, List.of("Xen_StoragePool", "Xen_NetworkConnectionPool", "Xen_ProcessorPool",
                "Xen_MemoryPool", "Xen_HostPool", "Xen_VirtualSystemSettingData", "Xen_ComputerSystemSettingData",
                "Xen_ComputerSystemActiveSettings", "Xen_ComputerSystemTemplate", "Xen_ComputerSystemSnapshot",
                "Xen_ProcessorSettingData", "Xen_MemorySettingData", "Xen_DiskSettingData", "Xen_NetworkPortSettingData",
                "Xen_HostNetworkPortSettingData", "Xen_ConsoleSettingData", "Xen_KVPSettingData",
                "Xen_VirtualSwitchSettingData", "Xen_MemoryCapabilitiesSettingData",
                "Xen_VirtualSystemManagementCapabilities", "Xen_VirtualSystemMigrationCapabilities",
                "Xen_VirtualSystemSnapshotCapabilities", "Xen_VirtualSystemSnapshotServiceCapabilities",
                "Xen_HostComputerSystemCapabilities", "Xen_ComputerSystemCapabilities",
                "Xen_VirtualizationCapabilities", "Xen_MetricsServiceCapabilities", "Xen_StorageAllocationCapabilities",
                "Xen_Job", "Xen_SystemStateChangeJob", "Xen_ConnectToDiskImageJob",
                "Xen_RegisteredSystemVirtualizationProfile", "Xen_ProcessorUtilization", "Xen_DiskReadThroughput"));
        expected.put(Set.of("Id"), List.of("Xen_ProcessorUtilizationDef", "Xen_NetworkPortMetricDefinition"));
        expected.put(Set.of("Antecedent", "Dependent"), List.of("Xen_HostedComputerSystem", "Xen_DiskAllocatedFromPool"));
        expected.put(Set.of("GroupComponent", "PartComponent"), List.of("Xen_ComputerSystemDisk",
                "Xen_DiskSettingDataComponent", "Xen_HostedStoragePool"));
        expected.put(Set.of("ManagedElement", "SettingData"), List.of("Xen_ComputerSystemSettingsDefineState",
                "Xen_DiskElementSettingData"));
        expected.put(Set.of("ManagedElement", "Capabilities"), List.of("Xen_HasVirtualizationCapabilities"));
        expected.put(Set.of("ConformantStandard", "ManagedElement"), List.of("Xen_ElementConformsToVirtualSystemProfile"));
        expected.forEach((keys, classes) -> classes.forEach(name -> {
            List<String> have = repo.get(name).keyNames();
            assertEquals(keys, Set.copyOf(have), name);
            assertEquals(keys.size(), have.size(), name);
        }));
    }

    @Test
    void methodsWithTheirParameters() throws IOException {
        int checked = 0;
        for (String line : lines("catalog-methods.txt")) {
            String[] head = line.split(":", 2);
            String cls = head[0].substring(0, head[0].indexOf('.'));
            String name = head[0].substring(head[0].indexOf('.') + 1);
            CimMethod m = repo.get(cls).method(name);
            assertNotNull(m, head[0]);
            assertEquals(CimType.UINT32, m.returnType(), head[0]);
            for (String spec : head[1].strip().isEmpty() ? new String[0] : head[1].strip().split(",\\s*")) {
                String[] dir = spec.split(" ");
                CimParameter p = m.parameter(dir[1]);
                assertNotNull(p, head[0] + "(" + dir[1] + ")");
                assertEquals(!dir[0].equals("out"), p.isIn(), head[0] + "(" + dir[1] + ") In");
                assertEquals(!dir[0].equals("in"), p.isOut(), head[0] + "(" + dir[1] + ") Out");
            }
            checked++;
        }
        assertEquals(53, checked);
    }

    @Test
    void embeddedInstancesAndReferenceParameters() {
        CimMethod define = repo.get("Xen_VirtualSystemManagementService").method("DefineSystem");
        assertEmbedded(define.parameter("SystemSettings"), "CIM_VirtualSystemSettingData", false);
        assertEmbedded(define.parameter("ResourceSettings"), "CIM_ResourceAllocationSettingData", true);
        assertRef(define.parameter("ReferenceConfiguration"), "CIM_VirtualSystemSettingData", false);
        assertRef(define.parameter("ResultingSystem"), "CIM_ComputerSystem", false);
        assertRef(define.parameter("Job"), "CIM_ConcreteJob", false);
        CimMethod remove = repo.get("Xen_VirtualSystemManagementService").method("RemoveResourceSettings");
        assertRef(remove.parameter("ResourceSettings"), "CIM_ResourceAllocationSettingData", true);
        assertRef(repo.get("Xen_VirtualSystemManagementService").method("FindPossibleHostsToRunOn")
                .parameter("PossibleHosts"), "Xen_HostComputerSystem", true);
        assertEmbedded(repo.get("Xen_VirtualSystemManagementService").method("AddResourceSetting")
                .parameter("ResourceSetting"), "CIM_ResourceAllocationSettingData", false);
        assertEmbedded(repo.get("Xen_StoragePoolManagementService").method("CreateDiskImage")
                .parameter("ResourceSetting"), "CIM_ResourceAllocationSettingData", false);
        assertEmbedded(repo.get("Xen_StoragePoolManagementService").method("CreateStoragePool")
                .parameter("Settings"), "CIM_ResourceAllocationSettingData", false);
        assertEmbedded(repo.get("Xen_VirtualSystemSnapshotService").method("CreateSnapshot")
                .parameter("SnapshotSettings"), "CIM_SettingData", false);
        assertEmbedded(repo.get("Xen_VirtualSystemMigrationService").method("MigrateVirtualSystemToHost")
                .parameter("MigrationSettingData"), "CIM_VirtualSystemMigrationSettingData", false);
        assertRef(repo.get("Xen_StoragePoolManagementService").method("ConnectToDiskImage").parameter("Job"),
                "Xen_ConnectToDiskImageJob", false);
        assertEquals(List.of("iscsi", "bits", "http"), repo.get("Xen_StoragePoolManagementService")
                .method("ConnectToDiskImage").parameter("Protocol").qualifier("ValueMap").value());
        CimQualifier indication = repo.get("CIM_InstModification").property("PreviousInstance").qualifier("EmbeddedObject");
        assertEquals(Boolean.TRUE, indication.value());
    }

    private void assertEmbedded(CimParameter p, String cls, boolean array) {
        assertEquals(CimType.STRING, p.type(), p.name());
        assertEquals(array, p.array(), p.name());
        assertEquals(cls, p.qualifier("EmbeddedInstance").value(), p.name());
        assertNotNull(repo.get(cls), cls);
    }

    private static void assertRef(CimParameter p, String cls, boolean array) {
        assertEquals(CimType.REFERENCE, p.type(), p.name());
        assertEquals(cls, p.referenceClass(), p.name());
        assertEquals(array, p.array(), p.name());
    }

    @Test
    void anchorPropertiesWithTheirTypes() throws IOException {
        for (String line : lines("catalog-properties.txt")) {
            String[] f = line.split(" ");
            String cls = f[0].substring(0, f[0].indexOf('.'));
            CimProperty p = repo.get(cls).property(f[0].substring(f[0].indexOf('.') + 1));
            assertNotNull(p, f[0]);
            boolean array = f[1].endsWith("[]");
            assertEquals(CimType.fromWireName(f[1].replace("[]", "")), p.type(), f[0]);
            assertEquals(array, p.array(), f[0]);
        }
    }

    @Test
    void valueMapsAndDefaults() {
        CimProperty sync = repo.get("Xen_VirtualSystemManagementCapabilities").property("SynchronousMethodsSupported");
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"), sync.qualifier("ValueMap").value());
        assertEquals("AddResourceSupported", ((List<?>) sync.qualifier("Values").value()).get(9));
        CimProperty rt = repo.get("Xen_DiskSettingData").property("ResourceType");
        List<?> codes = (List<?>) rt.qualifier("ValueMap").value();
        List<?> names = (List<?>) rt.qualifier("Values").value();
        assertEquals("Disk Drive", names.get(codes.indexOf("17")));
        assertEquals("Ethernet Connection", names.get(codes.indexOf("33")));
        assertEquals(List.of("None", "DHCP", "Static", "Unknown"),
                repo.get("Xen_HostNetworkPortSettingData").property("IPConfigurationMode").qualifier("Values").value());
        assertEquals(List.of("Processor", "Memory", "Disk", "NetworkPort"),
                repo.get("Xen_VirtualizationCapabilities").property("ResourceType").qualifier("ValueMap").value());
        CimClass disk = repo.get("Xen_DiskReadLatencyDef");
        assertEquals(5L, disk.property("DataType").defaultValue());
        assertEquals("second * 10^-6", disk.property("ProgrammaticUnits").defaultValue());
        assertEquals(13L, repo.get("Xen_HostMemoryMetricDefinition").property("DataType").defaultValue());
        List<?> states = (List<?>) repo.get("Xen_ComputerSystem").method("RequestStateChange")
                .parameter("RequestedState").qualifier("ValueMap").value();
        assertTrue(states.containsAll(List.of("32768", "32769")));
    }

    @Test
    void polymorphicFamilies() {
        assertTrue(repo.subclasses("CIM_ComputerSystem", true).containsAll(
                List.of("Xen_HostComputerSystem", "Xen_ComputerSystem", "Xen_VirtualSwitch")));
        assertTrue(repo.subclasses("Xen_VirtualSystemSettingData", true).containsAll(List.of(
                "Xen_ComputerSystemActiveSettings", "Xen_ComputerSystemSettingData", "Xen_ComputerSystemSnapshot",
                "Xen_ComputerSystemTemplate")));
        assertEquals(11, repo.subclasses("CIM_ResourceAllocationSettingData", true).stream()
                .filter(n -> n.startsWith("Xen_")).count());
        assertEquals(9, repo.subclasses("Xen_Job", true).size());
        assertEquals(7, repo.subclasses("CIM_RegisteredProfile", true).size());
        assertTrue(repo.isA("Xen_HostedComputerSystem", "CIM_Dependency"));
        assertTrue(repo.isA("Xen_ComputerSystemDisk", "CIM_Component"));
    }

    /**
     * Prints the compile time of the whole catalog. Wall time swings with machine load, so the
     * bound is on the compiling thread's CPU time (best of three warm runs).
     */
    @Test
    void compileTimeIsPrinted() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] first = timeCompile(threads);
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long[] t = timeCompile(threads);
            bestWall = Math.min(bestWall, t[0]);
            bestCpu = Math.min(bestCpu, t[1]);
        }
        System.out.printf("catalog: %d classes; first compile in this JVM %.1f ms (cpu %.1f ms), "
                + "warm %.1f ms (cpu %.1f ms)%n", repo.all().size(), first[0] / 1e6, first[1] / 1e6,
                bestWall / 1e6, bestCpu / 1e6);
    }

    /** Wall and thread CPU nanoseconds of one compilation of the bundled schema. */
    private long[] timeCompile(ThreadMXBean threads) {
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        ClassRepository r = MofCompiler.compileResources(List.of(SchemaLoader.CIMV2_INDEX));
        long[] t = {System.nanoTime() - wall, threads.getCurrentThreadCpuTime() - cpu};
        assertEquals(repo.all().size(), r.all().size());
        return t;
    }
}
