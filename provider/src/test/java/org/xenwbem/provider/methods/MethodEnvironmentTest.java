package org.xenwbem.provider.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;

/** How xapi's failures become CIM errors for the client. */
class MethodEnvironmentTest {
    @Test
    void aSessionReferenceNeverReachesTheClient() {
        CimException e = MethodEnvironment.toCim(new XenFailure(XenFailure.Kind.DENIED, "SESSION_INVALID",
                List.of("OpaqueRef:5e2b8c1d-0000-4000-8000-123456789abc"), "SESSION_INVALID", null));
        assertFalse(e.getMessage().contains("OpaqueRef"), e.getMessage());
        assertTrue(e.getMessage().startsWith("SESSION_INVALID"), e.getMessage());
    }

    @Test
    void otherFailuresKeepTheirParameters() {
        CimException e = MethodEnvironment.toCim(new XenFailure(XenFailure.Kind.BAD_STATE, "VM_BAD_POWER_STATE",
                List.of("(ref)", "halted", "running"), "bad state", null));
        assertEquals("VM_BAD_POWER_STATE (ref) halted running", e.getMessage());
    }
}
