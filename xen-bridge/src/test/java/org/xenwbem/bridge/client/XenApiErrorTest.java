package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class XenApiErrorTest {
    @Test
    void mapsCodesThroughTheTable() {
        assertEquals(XenApiError.SESSION_INVALID, XenApiError.fromCode("SESSION_INVALID"));
        assertEquals(XenApiError.SR_BACKEND_FAILURE, XenApiError.fromCode("SR_BACKEND_FAILURE_46"));
        assertEquals(XenApiError.SR_BACKEND_FAILURE, XenApiError.fromCode("SR_BACKEND_FAILURE"));
        assertEquals(XenApiError.UNKNOWN, XenApiError.fromCode("SR_BACKEND_FAILURE_x"));
        assertEquals(XenApiError.UNKNOWN, XenApiError.fromCode("SOMETHING_NEW"));
        assertEquals(XenApiError.UNKNOWN, XenApiError.fromCode("UNKNOWN"));
    }

    @Test
    void exposesNamedParamsAndKeepsTheOriginalCode() {
        XenApiException e = new XenApiException(List.of("VM_BAD_POWER_STATE", "OpaqueRef:vm", "halted", "running"));
        assertEquals(XenApiError.VM_BAD_POWER_STATE, e.error());
        assertEquals(XenApiError.Category.INVALID_STATE, e.category());
        assertEquals("halted", e.param("expected"));
        assertEquals("running", e.param("actual"));
        assertEquals("", e.param("nonexistent"));
        XenApiException sr = new XenApiException(List.of("SR_BACKEND_FAILURE_46", "", "The VDI is not available", ""));
        assertEquals("SR_BACKEND_FAILURE_46", sr.code());
        assertEquals(XenApiError.Category.BACKEND, sr.category());
    }

    @Test
    void messageNeverContainsRefs() {
        XenApiException e = new XenApiException(List.of("SESSION_INVALID", "OpaqueRef:secret-session"));
        assertFalse(e.getMessage().contains("secret-session"), e.getMessage());
        assertEquals("OpaqueRef:secret-session", e.params().get(0));
    }

    @Test
    void retargetsToTheMasterWithSameSchemeAndPort() throws Exception {
        URI u = XenApiConnection.retarget(URI.create("https://10.0.0.2:8443/RPC2"), "10.0.0.1");
        assertEquals(URI.create("https://10.0.0.1:8443/RPC2"), u);
        URI v6 = XenApiConnection.retarget(URI.create("http://127.0.0.1/"), "fd00::1");
        assertEquals("http://[fd00::1]/", v6.toString());
    }
}
