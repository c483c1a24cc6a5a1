package org.xenwbem.provider.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimType;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;

/** The common opening of every extrinsic method: lookup by name, METHOD_NOT_AVAILABLE, role check, XenAPI faults. */
class MethodTableTest {
    private static final CimObjectPath TARGET = new CimObjectPath("root/cimv2", "Xen_Test", Map.of("Name", "x"));
    private final AtomicInteger ran = new AtomicInteger();
    private final MethodTable table = MethodTable.of("Xen_Test")
            .method("DoThing", Rbac.VM_ADMIN, "do the thing", (ctx, t, m, in) -> {
                ran.incrementAndGet();
                return MethodResult.of(0);
            })
            .method("Fail", Rbac.READ_ONLY, "fail", (ctx, t, m, in) -> {
                throw new XenFailure(XenFailure.Kind.NOT_FOUND, "UUID_INVALID", List.of(), "no such", null);
            });

    private static CimMethod method(String name) {
        return new CimMethod(name, CimType.UINT32, List.of(), List.of(), "Xen_Test", false);
    }

    private static RequestContext as(String role) {
        return new RequestContext("alice", role, "127.0.0.1", "r1");
    }

    @Test
    void anUnknownMethodIsNotAvailableAndRunsNothing() {
        CimException e = assertThrows(CimException.class,
                () -> table.invoke(as("pool-admin"), TARGET, method("Other"), Map.of()));
        assertEquals(CimStatus.METHOD_NOT_AVAILABLE, e.status());
        assertTrue(e.getMessage().contains("Xen_Test.Other"), e.getMessage());
        assertNull(table.roleOf("Other"));
    }

    @Test
    void aWeakerRoleIsDeniedBeforeTheHandlerRuns() {
        CimException e = assertThrows(CimException.class,
                () -> table.invoke(as("vm-operator"), TARGET, method("DoThing"), Map.of()));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertTrue(e.getMessage().contains("may not do the thing"), e.getMessage());
        assertEquals(0, ran.get());
    }

    @Test
    void namesMatchWithoutCaseAndTheHandlerRunsOnce() throws CimException {
        assertEquals(0L, table.invoke(as("vm-admin"), TARGET, method("dothing"), Map.of()).returnValue());
        assertEquals(1, ran.get());
        assertEquals(Rbac.VM_ADMIN, table.roleOf("DOTHING"));
    }

    @Test
    void aXenApiFailureBecomesTheMappedCimError() {
        CimException e = assertThrows(CimException.class,
                () -> table.invoke(as("read-only"), TARGET, method("Fail"), Map.of()));
        assertEquals(MethodEnvironment.toCim(new XenFailure(XenFailure.Kind.NOT_FOUND, "UUID_INVALID", List.of(),
                "no such", null)).status(), e.status());
    }

    @Test
    void aFallbackAnswersDeclaredMethodsWithoutARowAfterItsRoleCheck() throws CimException {
        MethodTable t = MethodTable.of("Xen_Test").otherwise(Rbac.VM_OPERATOR, "invoke {method}",
                (ctx, target, m, in) -> MethodResult.of(1));
        assertEquals(1L, t.invoke(as("vm-operator"), TARGET, method("Anything"), Map.of()).returnValue());
        CimException e = assertThrows(CimException.class,
                () -> t.invoke(as("read-only"), TARGET, method("Anything"), Map.of()));
        assertTrue(e.getMessage().contains("may not invoke Anything"), e.getMessage());
    }
}
