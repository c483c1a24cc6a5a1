package org.xenwbem.provider.classes.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.HostServices;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.classes.metrics.DeviceMetrics;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.profiles.ProfileProviders;
import org.xenwbem.provider.classes.storage.StorageProviders;

/** Golden tests of the host/pool classes against the simulated pool's own records. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolProvidersTest {
    private PoolFixture fx;

    @BeforeAll
    void start() throws InterruptedException {
        fx = new PoolFixture();
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    private static Set<Object> values(List<CimInstance> list, String property) {
        return list.stream().map(i -> i.get(property)).collect(Collectors.toSet());
    }

    @Test
    void theHostPoolIsThePoolWithItsMasterAndDefaultSr() throws CimException {
        List<CimInstance> pools = fx.enumerate("Xen_HostPool");
        assertEquals(1, pools.size());
        CimInstance p = pools.get(0);
        assertEquals("Xen:" + fx.state().poolUuid(), p.get("InstanceID"));
        assertEquals(fx.state().masterUuid(), p.get("Master"));
        assertEquals(fx.state().defaultSrUuid(), p.get("DefaultStoragePoolID"));
        assertEquals(fx.field("pool", fx.state().poolUuid(), "name_label"), p.get("ElementName"));
        assertEquals(false, p.get("HighAvailabilityEnabled"));
    }

    /** The pool family's services and the storage family's. */
    private static List<HostServices.Service> services() {
        List<HostServices.Service> all = new java.util.ArrayList<>(ManagementServices.SERVICES);
        all.add(StorageProviders.SERVICE);
        return all;
    }

    @Test
    void everyHostHasEachServiceKeyedAsTheAnchor() throws CimException {
        for (HostServices.Service svc : services()) {
            List<CimInstance> all = fx.enumerate(svc.cls());
            assertEquals(new HashSet<>(fx.state().hostUuids()), values(all, "SystemName"), svc.cls());
            for (CimInstance i : all) {
                assertEquals(svc.name(), i.get("Name"));
                assertEquals("Xen_HostComputerSystem", i.get("SystemCreationClassName"));
                assertEquals(svc.cls(), i.get("CreationClassName"));
                assertEquals(true, i.get("Started"));
                assertEquals(i.values(), fx.get(i.path()).values());
            }
        }
        CimInstance vsms = fx.get(Paths.service("Xen_VirtualSystemManagementService", fx.state().masterUuid(),
                "Xen Hypervisor"));
        assertEquals(2L, vsms.get("EnabledState"));
    }

    @Test
    void capabilitiesAreTheAnchorsFixedAndPerHostSets() throws CimException {
        assertEquals(Set.of("Xen_ProcessorVirtualizationCapability", "Xen_MemoryVirtualizationCapability",
                "Xen_DiskVirtualizationCapability", "Xen_NetworkPortVirtualizationCapability"),
                values(fx.enumerate("Xen_VirtualizationCapabilities"), "InstanceID"));
        CimInstance vsms = fx.get(Paths.byInstanceId("Xen_VirtualSystemManagementCapabilities", fx.state().masterUuid()));
        assertEquals(List.of(3L, 10L, 6L, 7L, 5L), vsms.get("SynchronousMethodsSupported"));
        assertEquals(List.of(2L, 1L), vsms.get("AsynchronousMethodsSupported"));
        assertEquals(2, fx.enumerate("Xen_VirtualSystemMigrationCapabilities").size());
        assertEquals(4 * 2, fx.enumerate("Xen_MemoryCapabilitiesSettingData").size());
        assertEquals(fx.state().hostUuids().size(), fx.enumerate("Xen_ProcessorAllocationCapabilities").size());
    }

    @Test
    void hostProcessorsAreTheHostCpus() throws CimException {
        List<String> cpus = fx.state().uuids("host_cpu");
        List<CimInstance> all = fx.enumerate("Xen_HostProcessor");
        assertEquals(cpus.size(), all.size());
        for (CimInstance i : all) {
            String cpu = (String) i.get("UniqueID");
            String host = fx.ref("host_cpu", cpu, "host", "host");
            assertEquals("Xen:" + host + "/" + cpu, i.get("DeviceID"));
            assertEquals(host, i.get("SystemName"));
            assertEquals(fx.field("host_cpu", cpu, "speed"), i.get("CurrentClockSpeed"));
            assertEquals(fx.field("host_cpu", cpu, "speed"), i.get("MaxClockSpeed"));
            assertEquals(fx.field("host_cpu", cpu, "stepping"), i.get("Stepping"));
            assertEquals(fx.field("host_cpu", cpu, "modelname"), i.get("ElementName"));
            assertEquals(Math.round((Double) fx.field("host_cpu", cpu, "utilisation") * 100), i.get("LoadPercentage"));
            assertEquals(i.values(), fx.get(i.path()).values());
        }
    }

    @Test
    void hostMemoryIsTheHostMetricsInBytes() throws CimException {
        for (String host : fx.state().hostUuids()) {
            CimInstance m = fx.get(Paths.hostMemory(host));
            assertEquals("Xen:" + host + "/Memory", m.get("DeviceID"));
            assertEquals(fx.state().hostMetricsRecord(host).get("memory_total"), m.get("NumberOfBlocks"));
            assertEquals(fx.state().hostMetricsRecord(host).get("memory_free"), m.get("ConsumableBlocks"));
            assertEquals(1L, m.get("BlockSize"));
        }
    }

    @Test
    void hostNetworkPortsHideBondSlaves() throws CimException {
        List<String> pifs = fx.state().uuids("PIF");
        Set<String> slaves = pifs.stream().filter(p -> !fx.ref("PIF", p, "bond_slave_of", "Bond").isEmpty())
                .collect(Collectors.toSet());
        assertFalse(slaves.isEmpty(), "the simulated pool has a bond");
        List<CimInstance> ports = fx.enumerate("Xen_HostNetworkPort");
        assertEquals(pifs.size() - slaves.size(), ports.size());
        for (CimInstance port : ports) {
            String pif = Ids.devicePart(port.get("DeviceID"));
            assertFalse(slaves.contains(pif));
            assertEquals(fx.field("PIF", pif, "MAC"), port.get("PermanentAddress"));
            assertEquals(fx.field("PIF", pif, "device"), port.get("ElementName"));
        }
        String slave = slaves.iterator().next();
        CimObjectPath slavePath = Paths.hostNetworkPort(fx.ref("PIF", slave, "host", "host"), slave);
        CimException e = org.junit.jupiter.api.Assertions.assertThrows(CimException.class, () -> fx.get(slavePath));
        assertEquals(CimStatus.NOT_FOUND, e.status());
        assertEquals(ports.size(), fx.enumerate("Xen_HostNetworkPortSettingData").size());
    }

    @Test
    void hostNetworkPortSettingsCarryVlanSwitchAndIp() throws CimException {
        List<CimInstance> settings = fx.enumerate("Xen_HostNetworkPortSettingData");
        assertTrue(settings.stream().anyMatch(s -> Long.valueOf(100).equals(s.get("VlanTag"))), "the VLAN 100 PIF");
        for (CimInstance s : settings) {
            String pif = Ids.devicePart(s.get("InstanceID"));
            assertEquals(fx.ref("PIF", pif, "network", "network"), s.get("VirtualSwitch"));
            assertEquals(fx.field("PIF", pif, "management"), s.get("Management"));
            assertEquals(HostNetworkPorts.ipMode((String) fx.field("PIF", pif, "ip_configuration_mode")),
                    s.get("IPConfigurationMode"));
        }
    }

    @Test
    void storagePoolsAreTheSrsKeyedByHostOrShared() throws CimException {
        List<CimInstance> pools = fx.enumerate("Xen_StoragePool");
        assertEquals(fx.state().count("SR"), pools.size());
        for (CimInstance p : pools) {
            String sr = (String) p.get("PoolID");
            List<?> pbds = (List<?>) fx.field("SR", sr, "PBDs");
            String owner = pbds.size() == 1 ? fx.ref("PBD", fx.state().uuidOfRef("PBD", (String) pbds.get(0)),
                    "host", "host") : "Shared";
            assertEquals("Xen:" + owner + "/" + sr, p.get("InstanceID"));
            assertEquals(fx.field("SR", sr, "physical_size"), p.get("Capacity"));
            assertEquals(fx.field("SR", sr, "name_label"), p.get("Name"));
            assertEquals(fx.field("SR", sr, "content_type"), p.get("OtherResourceType"));
            assertEquals(pbds.size() != 1, p.get("Shared"));
            assertEquals(p.values(), fx.get(p.path()).values());
        }
    }

    @Test
    void diskImagesAreTheVdisScopedByTheirSr() throws CimException {
        List<CimInstance> images = fx.enumerate("Xen_DiskImage");
        assertEquals(fx.state().count("VDI"), images.size());
        for (CimInstance i : images) {
            String vdi = (String) i.get("Name");
            String sr = fx.ref("VDI", vdi, "SR", "SR");
            assertEquals("Xen:" + sr + "/" + vdi, i.get("DeviceID"));
            assertEquals(sr, i.get("SystemName"));
            assertEquals("Xen_StoragePool", i.get("SystemCreationClassName"));
            assertEquals(fx.field("VDI", vdi, "virtual_size"), i.get("NumberOfBlocks"));
            assertEquals(fx.field("VDI", vdi, "name_label"), i.get("ElementName"));
            assertEquals(i.values(), fx.get(i.path()).values());
        }
    }

    @Test
    void networksAreSwitchesAndConnectionPools() throws CimException {
        assertEquals(fx.state().count("network"), fx.enumerate("Xen_VirtualSwitch").size());
        assertEquals(new HashSet<>(fx.state().uuids("network")), values(fx.enumerate("Xen_VirtualSwitch"), "Name"));
        Set<Object> descriptions = values(fx.enumerate("Xen_NetworkConnectionPool"), "Description");
        assertTrue(descriptions.contains("Device=eth0,Bridge=xenbr0"), descriptions.toString());
        assertEquals(new HashSet<>(fx.state().uuids("network")),
                values(fx.enumerate("Xen_NetworkConnectionPool"), "PoolID"));
    }

    @Test
    void metricValuesOnlyWhereTheSnapshotHasData() throws CimException {
        List<CimInstance> cpu = fx.enumerate("Xen_HostProcessorUtilization");
        assertEquals(fx.state().count("host_cpu"), cpu.size());
        cpu.forEach(v -> assertEquals("Xen_HostProcessorUtilizationDef", v.get("MetricDefinitionId")));
        for (DeviceMetrics.Kind k : DeviceMetrics.Kind.values()) {
            assertEquals(List.of(), fx.enumerate(k.valueClass), k + ": no RRD sampler in this fixture, no values");
        }
        assertEquals("Xen_DiskReadLatencyDef", fx.enumerate("Xen_DiskReadLatencyDef").get(0).get("Id"));
    }

    @Test
    void registeredProfilesAreInBothNamespaces() throws CimException {
        for (String ns : List.of(PoolFixture.CIMV2, PoolFixture.INTEROP)) {
            List<CimInstance> profiles = fx.ops.enumerateInstances(PoolFixture.RC, ns, "CIM_RegisteredProfile");
            assertEquals(7, profiles.size(), ns);
            CimObjectPath sv = ProfileProviders.profile(ProfileProviders.SYSTEM_VIRTUALIZATION).path(ns);
            assertEquals("System Virtualization", fx.get(sv).get("RegisteredName"));
            assertEquals(5, fx.associators(sv, "CIM_ReferencedProfile").size(), ns);
            List<CimInstance> hosts = fx.ops.associators(PoolFixture.RC, sv,
                    "Xen_ElementConformsToSystemVirtualizationProfile", null, null, null);
            assertEquals(new HashSet<>(fx.state().hostUuids()), values(hosts, "Name"), ns);
        }
    }
}
