package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * polled to success, Types.toVM on a clone's task, and an Event.from loop that sees the start.
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
}
