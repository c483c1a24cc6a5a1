package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Task;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VM;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The official XenAPI Java SDK 8.1.0 (Apache XML-RPC 3.1.3, test scope only): login (which also calls
 * session.get_this_host and host.get_API_version_major/minor), VM.getAllRecords, an async VM start
 * polled to success, Types.toVM on a clone's task, an Event.from loop that sees the start, and
 * VM.create with the SDK's own record (every field of {@code toMap()}, runtime ones included) followed
 * by the setters DefineSystem and ModifySystemSettings use.
 */
class JavaSdkWitnessTest {
    @Test
    void theOfficialSdkDrivesThePool() throws Exception {
        try (WitnessTarget target = WitnessTarget.open()) {
            Connection c = new Connection(new URL(target.url.toString()), 30, 5);
            Session.loginWithPassword(c, target.user, target.password, "1.0", "xenwbem-witness");
            Map<VM, VM.Record> all = VM.getAllRecords(c);
            assertFalse(all.isEmpty());
            assertTrue(all.values().stream().anyMatch(r -> r.isControlDomain), "dom0 is listed");
            EventBatch first = Event.from(c, Set.of("vm", "task"), "", 0.0);
            assertTrue(first.token.matches("\\d{20},\\d{20}"), first.token);
            if (target.testVm != null) {
                VM vm = VM.getByNameLabel(c, target.testVm).iterator().next();
                startAndFollow(c, vm, first.token);
                if (target.simulator() != null) {
                    cloneAndDestroy(c, vm); // on a real pool a clone would leave its disks behind
                }
            }
            createConfigureAndDestroy(c);
            Session.logout(c);
            if (target.simulator() != null) {
                assertEquals(0, target.simulator().state().sessionCount());
                assertTrue(target.simulator().callCount("host.get_API_version_major") >= 1, "SDK login dialogue");
            }
        }
    }

    private static void startAndFollow(Connection c, VM vm, String token) throws Exception {
        Task task = vm.startAsync(c, false, false);
        double progress = 0;
        while (task.getStatus(c) == Types.TaskStatusType.PENDING) {
            progress = Math.max(progress, task.getProgress(c));
            Thread.sleep(50);
        }
        assertEquals(Types.TaskStatusType.SUCCESS, task.getStatus(c), task.getErrorInfo(c).toString());
        task.destroy(c);
        assertEquals(Types.VmPowerState.RUNNING, vm.getPowerState(c));
        String uuid = vm.getUuid(c);
        long deadline = System.currentTimeMillis() + 15_000;
        boolean seen = false;
        while (!seen && System.currentTimeMillis() < deadline) {
            EventBatch b = Event.from(c, Set.of("vm"), token, 5.0);
            token = b.token;
            for (Event.Record e : b.events) {
                seen |= e.snapshot instanceof VM.Record r && uuid.equals(r.uuid) && r.powerState == Types.VmPowerState.RUNNING;
            }
        }
        assertTrue(seen, "event.from reported the VM running");
        vm.hardShutdown(c);
    }

    private static void cloneAndDestroy(Connection c, VM vm) throws Exception {
        Task task = vm.createCloneAsync(c, "witness-clone");
        while (task.getStatus(c) == Types.TaskStatusType.PENDING) {
            Thread.sleep(50);
        }
        VM clone = Types.toVM(task, c);
        task.destroy(c);
        assertEquals("witness-clone", clone.getNameLabel(c));
        clone.destroy(c);
    }

    /** VM.create makes a diskless halted VM, so it leaves nothing behind on a real pool once destroyed. */
    private static void createConfigureAndDestroy(Connection c) throws Exception {
        VM.Record r = new VM.Record();
        r.nameLabel = "witness-created";
        r.nameDescription = "VM.create from the Java SDK";
        r.powerState = Types.VmPowerState.HALTED;
        r.userVersion = 1L;
        r.isATemplate = false;
        r.memoryStaticMin = 256L << 20;
        r.memoryDynamicMin = 256L << 20;
        r.memoryDynamicMax = 256L << 20;
        r.memoryStaticMax = 512L << 20;
        r.VCPUsParams = Map.of();
        r.VCPUsMax = 2L;
        r.VCPUsAtStartup = 1L;
        r.actionsAfterShutdown = Types.OnNormalExit.DESTROY;
        r.actionsAfterReboot = Types.OnNormalExit.RESTART;
        r.actionsAfterCrash = Types.OnCrashBehaviour.RESTART;
        r.PVBootloader = "";
        r.PVKernel = "";
        r.PVRamdisk = "";
        r.PVArgs = "";
        r.PVBootloaderArgs = "";
        r.PVLegacyArgs = "";
        r.HVMBootPolicy = "BIOS order";
        r.HVMBootParams = Map.of("order", "cd");
        r.HVMShadowMultiplier = 1.0;
        r.platform = Map.of("acpi", "1", "apic", "true");
        r.PCIBus = "";
        r.otherConfig = Map.of("witness", "java-sdk");
        r.recommendations = "";
        r.domainType = Types.DomainType.HVM;
        VM vm = VM.create(c, r);
        try {
            VM.Record made = vm.getRecord(c);
            assertEquals(Types.VmPowerState.HALTED, made.powerState);
            assertFalse(made.isATemplate);
            assertEquals(512L << 20, made.memoryStaticMax);
            assertEquals(2L, made.VCPUsMax);
            assertTrue(made.uuid.matches("[0-9a-f-]{36}"), made.uuid);
            assertTrue(made.metrics.getVCPUsNumber(c) >= 0, "the new VM has its metrics object");
            vm.setNameLabel(c, "witness-configured");
            vm.setPVArgs(c, "quiet");
            vm.setHVMBootPolicy(c, "BIOS order");
            vm.setHVMBootParams(c, Map.of("order", "dc"));
            vm.setPlatform(c, Map.of("acpi", "1", "viridian", "true"));
            vm.setActionsAfterShutdown(c, Types.OnNormalExit.RESTART);
            vm.setActionsAfterReboot(c, Types.OnNormalExit.DESTROY);
            vm.setActionsAfterCrash(c, Types.OnCrashBehaviour.PRESERVE);
            vm.setVCPUsParams(c, Map.of("weight", "512"));
            vm.addToOtherConfig(c, "step", "configured");
            VM.Record after = vm.getRecord(c);
            assertEquals("witness-configured", after.nameLabel);
            assertEquals("quiet", after.PVArgs);
            assertEquals(Map.of("order", "dc"), after.HVMBootParams);
            assertEquals("true", after.platform.get("viridian"));
            assertEquals(Types.OnNormalExit.RESTART, after.actionsAfterShutdown);
            assertEquals(Types.OnNormalExit.DESTROY, after.actionsAfterReboot);
            assertEquals(Types.OnCrashBehaviour.PRESERVE, after.actionsAfterCrash);
            assertEquals(Map.of("weight", "512"), after.VCPUsParams);
            assertEquals("configured", after.otherConfig.get("step"));
        } finally {
            vm.destroy(c);
        }
        r.actionsAfterCrash = null; // goes out as "UNRECOGNIZED"
        assertThrows(Types.FieldTypeError.class, () -> VM.create(c, r));
    }
}
