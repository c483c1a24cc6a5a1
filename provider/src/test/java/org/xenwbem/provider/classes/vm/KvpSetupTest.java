package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.MethodFixture;

/** Xen_ComputerSystem.SetupKVPCommunication on a simulated pool: what it checks, what it says, who may. */
class KvpSetupTest {
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");
    private static final RequestContext OPERATOR = MethodFixture.as("operator", "vm-operator");
    private MethodFixture fx;
    private VmStateChange methods;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(1, 3, 7);
        methods = new VmStateChange(fx.env);
    }

    @AfterEach
    void down() {
        fx.close();
    }

    private MethodResult setup(RequestContext ctx, String vm) throws CimException {
        return methods.invoke(ctx, VmRefs.system(vm), fx.classes.get(VmStateChange.CLASS).method("SetupKVPCommunication"),
                Map.of());
    }

    private VmRecord vm(boolean dom0) {
        return fx.bridge.mirror().current().vms().stream()
                .filter(v -> ComputerSystemProvider.isSystem(v) && v.isControlDomain() == dom0).findFirst().orElseThrow();
    }

    @Test
    void aGuestVmIsToldWhereItsPairsAreAndNothingInXapiChanges() throws Exception {
        VmRecord vm = vm(false);
        long generation = fx.sim.generation();
        MethodResult r = setup(ROOT, vm.uuid());
        assertEquals(MethodEnvironment.COMPLETED, ((Number) r.returnValue()).longValue());
        String d = (String) r.out().get("Description");
        assertTrue(d.contains("vm-data/<key>") && d.contains("/local/domain/<domid>/vm-data/"), d);
        assertEquals(vm.powerState() == PowerState.Halted, d.contains("The VM is halted"), d);
        assertEquals(generation, fx.sim.generation(), "SetupKVPCommunication changed the pool");
    }

    @Test
    void aVmOperatorMayNotForPairsNeedVmAdmin() {
        CimException e = assertThrows(CimException.class, () -> setup(OPERATOR, vm(false).uuid()));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertTrue(e.getMessage().contains("vm-admin"), e.getMessage());
    }

    @Test
    void theControlDomainHasNoGuestChannel() throws Exception {
        MethodResult r = setup(ROOT, vm(true).uuid());
        assertEquals(MethodEnvironment.INVALID_PARAMETER, ((Number) r.returnValue()).longValue());
        assertFalse(r.out().containsKey("Description"));
    }

    @Test
    void anUnknownVmIsNotFound() {
        CimException e = assertThrows(CimException.class, () -> setup(ROOT, "00000000-0000-0000-0000-000000000000"));
        assertEquals(CimStatus.NOT_FOUND, e.status());
    }
}
