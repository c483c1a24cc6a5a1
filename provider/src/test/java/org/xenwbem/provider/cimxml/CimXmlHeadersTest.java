package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CimXmlHeadersTest {
    private static Map<String, String> wbemcli() {
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "application/xml; charset=\"utf-8\"");
        h.put("cimoperation", "MethodCall");
        h.put("cimmethod", "GetInstance");
        h.put("cimobject", "root%2Fcimv2");
        h.put("cimprotocolversion", "1.0");
        return h;
    }

    private static CimXmlHeaders check(String method, Map<String, String> h) throws CimXmlHeaders.Rejected {
        return CimXmlHeaders.check(method, name -> h.get(name.toLowerCase(Locale.ROOT)));
    }

    private static CimXmlHeaders.Rejected rejected(Map<String, String> h) {
        return assertThrows(CimXmlHeaders.Rejected.class, () -> check("POST", h));
    }

    @Test
    void wbemcliAndJsr48HeadersPass() throws Exception {
        CimXmlHeaders ok = check("POST", wbemcli());
        assertEquals("GetInstance", ok.method());
        assertEquals("root/cimv2", ok.object());
        Map<String, String> jsr48 = wbemcli();
        jsr48.put("cimobject", "root/cimv2"); // JSR48 does not encode
        jsr48.remove("cimprotocolversion");
        assertEquals("root/cimv2", check("POST", jsr48).object());
    }

    @Test
    void percentDecodingIsStrictAndLeavesPlusAlone() {
        assertEquals("root/cimv2:Xen_VirtualSystemManagementService.Name=\"a b+c\"",
                CimXmlHeaders.percentDecode("root%2Fcimv2%3AXen_VirtualSystemManagementService.Name=%22a%20b+c%22"));
        assertEquals("é", CimXmlHeaders.percentDecode("%C3%A9"));
        for (String bad : new String[] {"root%zzcimv2", "root%2Fcimv2%", "root%2", "%C3%28"}) {
            assertThrows(IllegalArgumentException.class, () -> CimXmlHeaders.percentDecode(bad), bad);
        }
    }

    @Test
    void eachRuleGivesDsp0200sStatusAndCimError() {
        Object[][] cases = {
            {"cimobject", "root%zzcimv2", 400, "header-mismatch"},
            {"cimobject", null, 400, "header-mismatch"},
            {"cimmethod", null, 400, "header-mismatch"},
            {"cimmethod", "", 400, "header-mismatch"},
            {"cimoperation", null, 400, "unsupported-operation"},
            {"cimoperation", "MethodResponse", 400, "unsupported-operation"},
            {"cimprotocolversion", "9.9", 501, "unsupported-protocol-version"},
            {"cimprotocolversion", "2.0", 501, "unsupported-protocol-version"},
            {"cimbatch", "", 501, "multiple-requests-unsupported"},
            {"content-type", "text/plain", 415, null},
            {"content-type", null, 415, null},
        };
        for (Object[] c : cases) {
            Map<String, String> h = wbemcli();
            h.put((String) c[0], (String) c[1]);
            CimXmlHeaders.Rejected r = rejected(h);
            assertEquals(c[2], r.status, c[0] + "=" + c[1]);
            assertEquals(c[3], r.cimError, c[0] + "=" + c[1]);
            assertTrue(!r.getMessage().contains("Exception"), r.getMessage());
        }
    }

    @Test
    void anMPostReadsTheHeadersUnderTheNamespaceItsManHeaderDeclares() throws Exception {
        Map<String, String> h = new HashMap<>();
        h.put("content-type", "text/xml");
        h.put("man", "\"http://www.dmtf.org/cim/mapping/http/v1.0\" ; ns=48");
        h.put("48-cimoperation", "MethodCall");
        h.put("48-cimmethod", "EnumerateClassNames");
        h.put("48-cimobject", "root%2Finterop");
        CimXmlHeaders ok = check("M-POST", h);
        assertEquals("root/interop", ok.object());
        assertEquals("", CimXmlHeaders.manPrefix("http://example.com/other;ns=12"));
        assertEquals("", CimXmlHeaders.manPrefix(null));
    }

    @Test
    void protocolVersionsOneDotAnythingAreSupported() {
        for (String v : new String[] {"1.0", "1.1", "1.4", " 1.0 ", "1"}) {
            assertTrue(CimXmlHeaders.supportedProtocolVersion(v), v);
        }
        for (String v : new String[] {"9.9", "2.0", "1.x", "", "10.0"}) {
            assertTrue(!CimXmlHeaders.supportedProtocolVersion(v), v);
        }
    }
}
