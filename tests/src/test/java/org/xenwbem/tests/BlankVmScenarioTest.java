package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * A VM defined without template (VM.create, then the RASDs), driven by Debian's python3-winrm as an
 * SCVMM-like client would: DefineSystem with disk and NIC, the job polled with Get, ModifySystemSettings
 * (name, boot order, platform) and ModifyResourceSettings (VCPUs, memory), the result read back with
 * Get, a refused DestroySystem while it runs (with the reason in the fault), then DestroySystem. A
 * fault injected at VM.create or at any later step leaves none of its objects behind.
 */
class BlankVmScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String VSMS = P + "Xen_VirtualSystemManagementService";
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(3);
        winrm = PywinrmClient.install(fx, "py");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static Map<String, Object> invoke(String cls, String method, String params, String... selectors)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("invoke", P + cls, method, params));
        args.addAll(List.of(selectors));
        return winrm.first(args.toArray(String[]::new));
    }

    private static Map<String, Object> vsms(String method, String params) throws Exception {
        return invoke("Xen_VirtualSystemManagementService", method, params,
                "CreationClassName=Xen_VirtualSystemManagementService", "Name=Xen Hypervisor",
                "SystemCreationClassName=Xen_HostComputerSystem", "SystemName=" + fx.sim().masterUuid());
    }

    private static Map<String, Object> get(String cls, String... selectors) throws Exception {
        List<String> args = new ArrayList<>(List.of("get", P + cls));
        args.addAll(List.of(selectors));
        return winrm.first(args.toArray(String[]::new));
    }

    private static String element(String param, String cls, String props) {
        return "<q:" + param + "><c:" + cls + " xmlns:c=\"" + P + cls + "\">" + props + "</c:" + cls + "></q:" + param + ">";
    }

    private static String p(String name, String value) {
        return "<c:" + name + ">" + value + "</c:" + name + ">";
    }

    private static String epr(String param, String cls, String key, String value) {
        return "<q:" + param + "><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>"
                + P + cls + "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"" + key + "\">" + value
                + "</w:Selector></w:SelectorSet></a:ReferenceParameters></q:" + param + ">";
    }

    private static String defineParams(String name) {
        return element("SystemSettings", "Xen_ComputerSystemSettingData", p("ElementName", name)
                + p("VirtualSystemType", "DMTF:xen:HVM") + p("HVM_Boot_Params", "order=dc") + p("Platform", "acpi=1"))
                + element("ResourceSettings", "Xen_ProcessorSettingData", p("ResourceType", "3") + p("VirtualQuantity", "2"))
                + element("ResourceSettings", "Xen_MemorySettingData", p("ResourceType", "4")
                        + p("VirtualQuantity", "1024") + p("AllocationUnits", "byte*2^20"))
                + element("ResourceSettings", "Xen_DiskSettingData", p("ResourceType", "19")
                        + p("VirtualQuantity", "4") + p("AllocationUnits", "byte*2^30") + p("ElementName", "data"))
                + element("ResourceSettings", "Xen_NetworkPortSettingData", p("ResourceType", "33")
                        + p("PoolID", fx.sim().uuids("network").get(0)));
    }

    /** Polls the Job EPR of a method's output with Get until the job ends; its last instance. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitJob(String cls, Map<String, Object> out) throws Exception {
        String id = String.valueOf(((Map<String, Object>) out.get("Job")).get("InstanceID"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> job;
        do {
            job = get(cls, "InstanceID=" + id);
            if (List.of("7", "8", "9", "10").contains(String.valueOf(job.get("JobState")))) {
                return job;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job did not end: " + job);
    }

    /** Gets until {@code property} shows {@code expected} (the daemon serves Get from its pool mirror). */
    private static Map<String, Object> getUntil(String cls, String property, Object expected, String... selectors)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Object> inst;
        do {
            inst = get(cls, selectors);
            if (expected.equals(inst.get(property))) {
                return inst;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(property + " never became " + expected + ": " + inst);
    }

    private static List<Integer> counts() {
        return List.of(fx.sim().count("VM"), fx.sim().count("VDI"), fx.sim().count("VBD"), fx.sim().count("VIF"),
                fx.sim().count("VM_metrics"));
    }

    private static List<String> children(String cls, String vm) {
        return fx.sim().uuids(cls).stream()
                .filter(u -> vm.equals(fx.sim().uuidOfRef("VM", String.valueOf(fx.sim().record(cls, u).get("VM")))))
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void definesModifiesReadsBackAndDestroysABlankVm() throws Exception {
        Map<String, Object> out = vsms("DefineSystem", defineParams("blank-vm"));
        assertEquals("4096", out.get("ReturnValue"), out.toString());
        String vm = String.valueOf(((Map<String, Object>) out.get("ResultingSystem")).get("Name"));
        assertEquals("7", awaitJob("Xen_VirtualSystemModifyResourcesJob", out).get("JobState"));
        Map<String, Object> rec = fx.sim().vmRecord(vm);
        assertEquals("blank-vm", rec.get("name_label"));
        assertEquals(false, rec.get("is_a_template"));
        assertEquals("hvm", rec.get("domain_type"));
        List<String> vbds = children("VBD", vm);
        assertEquals(1, vbds.size(), "the requested disk only");
        String vdi = fx.sim().uuidOfRef("VDI", String.valueOf(fx.sim().record("VBD", vbds.get(0)).get("VDI")));
        assertEquals(String.valueOf(4L << 30), String.valueOf(fx.sim().record("VDI", vdi).get("virtual_size")));
        assertEquals(1, children("VIF", vm).size());

        String vssd = "InstanceID=Xen:" + vm;
        getUntil("Xen_ComputerSystemSettingData", "ElementName", "blank-vm", vssd);
        out = vsms("ModifySystemSettings", element("SystemSettings", "Xen_ComputerSystemSettingData",
                p("InstanceID", "Xen:" + vm) + p("ElementName", "blank-vm-2") + p("HVM_Boot_Params", "order=n")
                        + p("Platform", "acpi=1") + p("Platform", "viridian=true")));
        assertEquals("0", out.get("ReturnValue"), out.toString());
        out = vsms("ModifyResourceSettings",
                element("ResourceSettings", "Xen_ProcessorSettingData", p("InstanceID", "Xen:" + vm + "/Processor")
                        + p("ResourceType", "3") + p("VirtualQuantity", "4"))
                + element("ResourceSettings", "Xen_MemorySettingData", p("InstanceID", "Xen:" + vm + "/Memory")
                        + p("ResourceType", "4") + p("VirtualQuantity", "2048") + p("AllocationUnits", "byte*2^20")));
        assertEquals("0", out.get("ReturnValue"), out.toString());

        Map<String, Object> settings = getUntil("Xen_ComputerSystemSettingData", "ElementName", "blank-vm-2", vssd);
        assertEquals("order=n", settings.get("HVM_Boot_Params"), settings.toString());
        assertEquals(List.of("acpi=1", "viridian=true"), settings.get("Platform"), settings.toString());
        getUntil("Xen_ProcessorSettingData", "VirtualQuantity", "4", "InstanceID=Xen:" + vm + "/Processor");
        getUntil("Xen_MemorySettingData", "VirtualQuantity", "2048", "InstanceID=Xen:" + vm + "/Memory");
        assertEquals(String.valueOf(2L << 30), String.valueOf(fx.sim().vmRecord(vm).get("memory_static_max")));

        String cs = "Name=" + vm;
        out = invoke("Xen_ComputerSystem", "RequestStateChange", "<q:RequestedState>2</q:RequestedState>",
                "CreationClassName=Xen_ComputerSystem", cs);
        assertEquals("7", awaitJob("Xen_SystemStateChangeJob", out).get("JobState"), out.toString());
        getUntil("Xen_ComputerSystem", "EnabledState", "2", "CreationClassName=Xen_ComputerSystem", cs);
        Map<String, Object> refused = vsms("DestroySystem", epr("AffectedSystem", "Xen_ComputerSystem", "Name", vm));
        String fault = String.valueOf(refused.get("fault"));
        for (String part : List.of("blank-vm-2", vm, "Running", "RequestStateChange 3")) {
            assertTrue(fault.contains(part), part + " in " + refused);
        }
        assertTrue(fx.sim().uuids("VM").contains(vm), "a refused DestroySystem leaves the VM alone");
        out = invoke("Xen_ComputerSystem", "RequestStateChange", "<q:RequestedState>32768</q:RequestedState>",
                "CreationClassName=Xen_ComputerSystem", cs);
        awaitJob("Xen_SystemStateChangeJob", out);
        getUntil("Xen_ComputerSystem", "EnabledState", "3", "CreationClassName=Xen_ComputerSystem", cs);

        out = vsms("DestroySystem", epr("AffectedSystem", "Xen_ComputerSystem", "Name", vm));
        assertEquals("0", out.get("ReturnValue"), out.toString());
        assertFalse(fx.sim().uuids("VM").contains(vm));
        assertFalse(fx.sim().uuids("VDI").contains(vdi), "its own disk went with it");
        assertTrue(children("VIF", vm).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"VM.create", "VM.set_VCPUs_max", "VM.set_memory_limits", "VDI.create", "VBD.create",
            "VIF.create"})
    void aFaultAtAnyStepLeavesNothingBehind(String step) throws Exception {
        List<Integer> before = counts();
        fx.daemon.simulatedPool(SimulatedPool.class).faults().on(step).once().fail("SR_FULL", "injected at " + step);
        Map<String, Object> out = vsms("DefineSystem", defineParams("doomed-" + step));
        if ("VM.create".equals(step)) {
            assertTrue(String.valueOf(out.get("fault")).contains("SR_FULL"), out.toString());
        } else {
            Map<String, Object> job = awaitJob("Xen_VirtualSystemModifyResourcesJob", out);
            assertEquals("10", job.get("JobState"), job.toString());
            assertTrue(String.valueOf(job.get("ErrorDescription")).contains("SR_FULL"), job.toString());
        }
        assertEquals(before, counts(), "nothing of its own left behind after a fault at " + step);
        assertTrue(fx.sim().vmUuidByName("doomed-" + step).isEmpty());
    }
}
