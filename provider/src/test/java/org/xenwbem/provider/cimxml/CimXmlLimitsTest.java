package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;
import org.xenwbem.provider.cimom.UserLimits;

/**
 * The per-user limits on CIM-XML: open pull enumerations and operations in progress, each
 * CIM_ERR_SERVER_LIMITS_EXCEEDED beyond its bound, another user unaffected; a streamed enumeration
 * counts until its body is written.
 */
class CimXmlLimitsTest {
    private static final ClassRepository CLASSES = SchemaLoader.cimv2();
    private static final String OVER = "<ERROR CODE=\"" + CimStatus.SERVER_LIMITS_EXCEEDED.code() + "\"";
    private final UserLimits limits = new UserLimits(2, 3);
    private final CimXmlService service = service().limit(limits);

    private static CimXmlService service() {
        List<CimInstance> systems = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            systems.add(CimInstance.builder(CLASSES.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i).build());
        }
        return new CimXmlService(CimOperations.builder().namespace("root/cimv2", CLASSES)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", systems)).build());
    }

    private CimXmlService.Response call(String user, String method) {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"9\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH><IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\""
                + "Xen_ComputerSystem\"/></IPARAMVALUE>" + (method.startsWith("Open")
                ? "<IPARAMVALUE NAME=\"MaxObjectCount\"><VALUE>1</VALUE></IPARAMVALUE>" : "")
                + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        return service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, "root/cimv2",
                new RequestContext(user, "read-only", "c", "t"), "h");
    }

    private String text(String user, String method) {
        return new String(call(user, method).body(), StandardCharsets.UTF_8);
    }

    @Test
    void pullEnumerationsAreBoundedPerUserAsConfigured() {
        assertFalse(text("alice", "OpenEnumerateInstances").contains("<ERROR"));
        assertFalse(text("alice", "OpenEnumerateInstances").contains("<ERROR"));
        String over = text("alice", "OpenEnumerateInstances");
        assertTrue(over.contains(OVER), over);
        assertTrue(over.contains("already holds 2 open enumerations"), over);
        assertFalse(text("bob", "OpenEnumerateInstances").contains("<ERROR"), "bob is not held back by alice");
        assertEquals(3, service.openEnumerations());
    }

    @Test
    void aUserWithTheMostInProgressIsRefusedAndAnotherIsServed() {
        try (UserLimits.Slot a = limits.operations().enter("alice"); UserLimits.Slot b = limits.operations().enter("alice");
             UserLimits.Slot c = limits.operations().enter("alice")) {
            String over = text("alice", "GetClass");
            assertTrue(over.contains(OVER), over);
            assertTrue(over.contains("maximum number of concurrent operations for this user"), over);
            assertFalse(text("bob", "GetClass").contains("<ERROR"));
        }
        assertFalse(text("alice", "GetClass").contains("<ERROR"));
        assertEquals(0, limits.operations().inProgress());
    }

    @Test
    void aStreamedEnumerationCountsUntilItsBodyIsWritten() {
        CimXmlService.Response r = call("alice", "EnumerateInstances");
        assertTrue(r.streamed());
        assertEquals(1, limits.operations().of("alice"), "the enumeration runs while its body is written");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("vm-4"), body);
        assertEquals(0, limits.operations().of("alice"));
    }
}
