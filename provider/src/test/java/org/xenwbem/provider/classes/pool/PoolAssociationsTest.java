package org.xenwbem.provider.classes.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.classes.storage.StorageIds;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.PoolProviders;

/** Association round trips, currency after a change in xapi, and reads without XenAPI calls. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoolAssociationsTest {
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

    private Set<String> residentVms(String host) {
        return fx.state().uuids("VM").stream()
                .filter(v -> !(Boolean) fx.field("VM", v, "is_a_template") && !(Boolean) fx.field("VM", v, "is_a_snapshot"))
                .filter(v -> host.equals(fx.ref("VM", v, "resident_on", "host"))).collect(Collectors.toSet());
    }

    @Test
    void aHostReachesItsVmsDevicesPoolsAndServicesAndBack() throws CimException {
        for (String host : fx.state().hostUuids()) {
            CimObjectPath h = Paths.host(host);
            Set<Object> vms = values(fx.associators(h, "Xen_HostedComputerSystem"), "Name");
            assertEquals(residentVms(host), vms, "VMs of " + host);
            assertTrue(vms.size() >= 1, "dom0 at least");
            for (Object vm : vms) {
                assertEquals(Set.of(host), values(fx.associators(Paths.vm((String) vm), "Xen_HostedComputerSystem"), "Name"));
            }
            List<CimInstance> cpus = fx.associators(h, "Xen_HostComputerSystemProcessor");
            assertEquals(fx.bridge.mirror().current().hostCpusOf(host).size(), cpus.size());
            assertEquals(List.of("Xen:" + host + "/Memory"),
                    fx.associators(h, "Xen_HostComputerSystemMemory").stream().map(i -> i.get("DeviceID")).toList());
            assertEquals(1, fx.associators(h, "Xen_HostedMemoryPool").size());
            assertEquals(1, fx.associators(h, "Xen_HostedProcessorPool").size());
            assertFalse(fx.associators(h, "Xen_HostedStoragePool").isEmpty());
            assertEquals(1, fx.associators(h, "Xen_HostedVirtualSystemManagementService").size());
            assertEquals(4, fx.associators(h, "Xen_HasVirtualizationCapabilities").size());
        }
    }

    @Test
    void anSrReachesItsDiskImagesAndEachImageItsSr() throws CimException {
        for (CimInstance pool : fx.enumerate("Xen_StoragePool")) {
            String sr = (String) pool.get("PoolID");
            Set<Object> images = values(fx.associators(pool.path(), "Xen_StoragePoolComponent"), "Name");
            Set<Object> expected = fx.state().uuids("VDI").stream()
                    .filter(v -> sr.equals(fx.ref("VDI", v, "SR", "SR"))).collect(Collectors.toSet());
            assertEquals(expected, images, sr);
            for (Object vdi : images) {
                List<CimInstance> back = fx.associators(StorageIds.diskImage(sr, (String) vdi), "Xen_StoragePoolComponent");
                assertEquals(List.of(pool.path()), back.stream().map(CimInstance::path).toList());
            }
        }
    }

    @Test
    void vmSideEndsUseTheAnchorFormats() throws CimException {
        List<CimInstance> links = fx.ops.enumerateInstances(PoolFixture.RC, PoolFixture.CIMV2, "Xen_DiskAllocatedFromPool");
        assertFalse(links.isEmpty());
        for (CimInstance l : links) {
            CimObjectPath disk = (CimObjectPath) l.get("Dependent");
            String vm = (String) disk.key("SystemName");
            assertEquals("Xen_ComputerSystem", disk.key("SystemCreationClassName"));
            assertTrue(((String) disk.key("DeviceID")).startsWith("Xen:" + vm + "/"), disk.toString());
            CimObjectPath pool = (CimObjectPath) l.get("Antecedent");
            assertEquals("Xen_StoragePool", pool.className());
        }
        for (CimInstance l : fx.enumerate("Xen_ElementConformsToVirtualSystemProfile")) {
            assertEquals("Xen_ComputerSystem", ((CimObjectPath) l.get("ManagedElement")).className());
        }
    }

    @Test
    void everyAssociationOfTheFamilyNamesInstancesThatExist() throws CimException {
        ClassRepository repo = fx.ops.classes(PoolFixture.CIMV2);
        Set<String> vmSide = Set.of("Xen_Disk", "Xen_DiskDrive", "Xen_Memory", "Xen_Processor", "Xen_NetworkPort",
                "Xen_DiskSettingData", "Xen_MemorySettingData", "Xen_ProcessorSettingData", "Xen_NetworkPortSettingData");
        for (var p : PoolProviders.all(ctx())) {
            if (!repo.get(p.className()).isAssociation()) {
                continue;
            }
            for (CimInstance a : fx.enumerate(p.className())) {
                for (Object v : a.values().values()) {
                    if (v instanceof CimObjectPath ref && !vmSide.contains(ref.className())) {
                        fx.get(ref); // throws NOT_FOUND when an end does not exist
                    }
                }
            }
        }
    }

    private ProviderContext ctx() {
        return new ProviderContext(SchemaLoader.cimv2(), () -> fx.bridge.mirror().current(), "cn.example", () -> "");
    }

    @Test
    void aChangeInXapiShowsInTheNextGetWithinOneSecond() throws Exception {
        String host = fx.state().hostUuids().get(1);
        CimObjectPath vsms = Paths.service("Xen_VirtualSystemManagementService", host, "Xen Hypervisor");
        fx.state().setHostEnabled(host, false);
        try {
            within(() -> Long.valueOf(3).equals(get(vsms, "EnabledState")));
            within(() -> fx.enumerate("Xen_HostProcessor").stream().filter(p -> host.equals(p.get("SystemName")))
                    .allMatch(p -> Long.valueOf(3).equals(p.get("EnabledState"))));
        } finally {
            fx.state().setHostEnabled(host, true);
        }
        within(() -> Long.valueOf(2).equals(get(vsms, "EnabledState")));
        String sr = fx.state().defaultSrUuid();
        fx.state().setField("SR", sr, "name_label", "renamed SR");
        within(() -> fx.enumerate("Xen_StoragePool").stream().anyMatch(p -> "renamed SR".equals(p.get("Name"))));
        String vm = fx.state().addVm("added", PowerState.Running);
        String on = fx.ref("VM", vm, "resident_on", "host");
        within(() -> values(fx.associators(Paths.host(on), "Xen_HostedComputerSystem"), "Name").contains(vm));
    }

    private Object get(CimObjectPath p, String property) throws CimException {
        return fx.get(p).get(property);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void within(Check c) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (!c.ok()) {
            assertTrue(System.nanoTime() < end, "not visible within 1 s");
            Thread.sleep(10);
        }
    }

    @Test
    void readsAfterWarmUpMakeNoXenApiCalls() throws CimException {
        ClassRepository repo = fx.ops.classes(PoolFixture.CIMV2);
        List<String> classes = PoolProviders.all(ctx()).stream().map(p -> p.className()).toList();
        classes.forEach(this::readAll);
        long before = fx.readCalls();
        classes.forEach(this::readAll);
        for (String host : fx.state().hostUuids()) {
            fx.associators(Paths.host(host), null);
        }
        assertEquals(before, fx.readCalls(), "XenAPI calls during reads");
        assertTrue(classes.size() > 100, "classes served: " + classes.size());
        assertTrue(repo.get("Xen_HostPool") != null);
    }

    private void readAll(String cls) {
        try {
            for (CimInstance i : fx.enumerate(cls)) {
                fx.get(i.path());
            }
        } catch (CimException e) {
            throw new AssertionError(cls, e);
        }
    }
}
