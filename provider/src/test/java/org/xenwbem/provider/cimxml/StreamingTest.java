package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.TestProviders;

/**
 * Enumerations of whole hierarchies are written as they are read, in chunks, never built whole; a
 * failure before the first chunk is an ordinary ERROR, after it the answer is cut off. Pull pages stop
 * at the page size; an Open that fails releases its context.
 */
class StreamingTest {
    private static final ClassRepository CLASSES = SchemaLoader.cimv2();
    private static final RequestContext READER = new RequestContext("reader", "read-only", "c", "t");

    /** Xen_ComputerSystem with {@code vms} VMs; Xen_VirtualSystemSettingData fails with {@code failure} when set. */
    private static CimXmlService service(int vms, CimException failure, long pageOctets) {
        List<CimInstance> systems = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            systems.add(CimInstance.builder(CLASSES.get("Xen_ComputerSystem")).namespace("root/cimv2")
                    .set("CreationClassName", "Xen_ComputerSystem").set("Name", "vm-" + i)
                    .set("ElementName", "a VM named " + i).build());
        }
        InstanceProvider failing = new InstanceProvider() {
            @Override
            public String className() {
                return "Xen_VirtualSystemSettingData";
            }

            @Override
            public List<CimInstance> enumerate(RequestContext ctx) throws CimException {
                if (failure != null) {
                    throw failure;
                }
                return List.of();
            }
        };
        CimOperations ops = CimOperations.builder().namespace("root/cimv2", CLASSES)
                .provider("root/cimv2", TestProviders.instances("Xen_ComputerSystem", systems))
                .provider("root/cimv2", failing).build();
        return new CimXmlService(ops, pageOctets);
    }

    private static CimXmlService.Response call(CimXmlService s, String method, String params) {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"9\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>" + params + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        return s.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, "root/cimv2", READER, "h");
    }

    private static String text(CimXmlService.Response r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String className(String name) {
        return "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"" + name + "\"/></IPARAMVALUE>";
    }

    private static String param(String name, String value) {
        return "<IPARAMVALUE NAME=\"" + name + "\"><VALUE>" + value + "</VALUE></IPARAMVALUE>";
    }

    private static int count(String s, String needle) {
        return s.split(Pattern.quote(needle), -1).length - 1;
    }

    /** Counts the writes a streamed body arrives in. */
    private static final class Writes extends OutputStream {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();
        int writes;
        int largest;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            largest = Math.max(largest, len);
            all.write(b, off, len);
        }
    }

    @Test
    void aWholeHierarchyIsStreamedInChunks() throws IOException {
        CimXmlService s = service(3000, null, 512 * 1024);
        for (String method : List.of("EnumerateInstances", "EnumerateInstanceNames")) {
            CimXmlService.Response r = call(s, method, className("CIM_ManagedElement"));
            assertTrue(r.streamed(), method + " is streamed");
            Writes out = new Writes();
            r.writeTo(out);
            String x = out.all.toString(StandardCharsets.UTF_8);
            assertEquals(3000, count(x, "<INSTANCENAME CLASSNAME=\"Xen_ComputerSystem\">"), method);
            assertTrue(x.endsWith("</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>"), x.substring(x.length() - 200));
            assertTrue(out.writes > 5, method + ": " + out.writes + " writes");
            assertTrue(out.largest < 4 * StreamedReturn.CHUNK, method + ": a write of " + out.largest + " octets");
            assertTrue(r.outcome().startsWith("ok (3000 streamed)"), r.outcome());
        }
        CimXmlService.Response q = call(s, "ExecQuery", param("QueryLanguage", "WQL")
                + param("Query", "SELECT ElementName FROM CIM_ManagedElement"));
        assertTrue(q.streamed(), text(q));
        assertEquals(3000, count(text(q), "<VALUE.OBJECTWITHPATH>"));
    }

    @Test
    void whatCanBeRefusedIsRefusedBeforeStreaming() {
        CimXmlService s = service(3, null, 512 * 1024);
        CimXmlService.Response r = call(s, "EnumerateInstances", className("CIM_NoSuchClass"));
        assertFalse(r.streamed());
        assertTrue(text(r).contains("<ERROR CODE=\"5\""), text(r));
        CimXmlService.Response q = call(s, "ExecQuery", param("QueryLanguage", "WQL") + param("Query", "SELECT FROM"));
        assertFalse(q.streamed());
        assertTrue(text(q).contains("<ERROR CODE=\"15\""), text(q));
    }

    @Test
    void aFailureBeforeTheFirstChunkIsAnErrorResponse() {
        CimXmlService s = service(3, new CimException(CimStatus.ACCESS_DENIED, "not for you"), 512 * 1024);
        CimXmlService.Response r = call(s, "EnumerateInstances", className("CIM_ManagedElement"));
        String x = text(r);
        assertTrue(x.contains("<ERROR CODE=\"2\" DESCRIPTION=\"not for you\"") && !x.contains("IRETURNVALUE"), x);
        assertTrue(x.endsWith("</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>"), x);
        assertTrue(r.outcome().startsWith("CIM_ERR_ACCESS_DENIED"), r.outcome());
    }

    @Test
    void aFailureAfterTheFirstChunkCutsTheAnswerOff() {
        CimXmlService s = service(2000, new CimException(CimStatus.FAILED, "the pool went away"), 512 * 1024);
        CimXmlService.Response r = call(s, "EnumerateInstances", className("CIM_ManagedElement"));
        Writes out = new Writes();
        IOException e = assertThrows(IOException.class, () -> r.writeTo(out));
        assertTrue(e.getMessage().contains("EnumerateInstances"), e.getMessage());
        String x = out.all.toString(StandardCharsets.UTF_8);
        assertTrue(x.contains("<IRETURNVALUE>") && !x.contains("</CIM>"), "no end that looks complete");
    }

    @Test
    void pullPagesStopAtThePageSizeAndTheRestFollows() {
        CimXmlService s = service(2000, null, 64 * 1024);
        String first = text(call(s, "OpenEnumerateInstances", className("Xen_ComputerSystem")
                + param("MaxObjectCount", "1000000")));
        int got = count(first, "<VALUE.INSTANCEWITHPATH>");
        assertTrue(got > 0 && got < 2000, "one page of " + got);
        assertTrue(first.length() < 64 * 1024 + 8192, "a page of " + first.length() + " characters");
        assertTrue(first.contains("<VALUE>FALSE</VALUE>"), "EndOfSequence false");
        String ctx = first.replaceAll("(?s).*NAME=\"EnumerationContext\" PARAMTYPE=\"string\"><VALUE>([^<]+)</VALUE>.*", "$1");
        String page = first;
        while (page.contains("<VALUE>FALSE</VALUE>")) {
            page = text(call(s, "PullInstancesWithPath", param("EnumerationContext", ctx) + param("MaxObjectCount", "1000000")));
            got += count(page, "<VALUE.INSTANCEWITHPATH>");
        }
        assertEquals(2000, got);
    }

    @Test
    void anOpenThatFailsReleasesItsContext() {
        CimXmlService s = service(3, new CimException(CimStatus.FAILED, "provider failed"), 512 * 1024);
        for (int i = 0; i < 63; i++) {
            String x = text(call(s, "OpenEnumerateInstances", className("Xen_ComputerSystem") + param("MaxObjectCount", "0")));
            assertFalse(x.contains("<ERROR"), x);
        }
        String bad = text(call(s, "OpenEnumerateInstances", className("Xen_ComputerSystem") + param("MaxObjectCount", "lots")));
        assertTrue(bad.contains("<ERROR CODE=\"4\""), bad);
        String failing = text(call(s, "OpenEnumerateInstances", className("CIM_ManagedElement") + param("MaxObjectCount", "10")));
        assertTrue(failing.contains("provider failed"), failing);
        String last = text(call(s, "OpenEnumerateInstances", className("Xen_ComputerSystem") + param("MaxObjectCount", "0")));
        assertFalse(last.contains("<ERROR"), "the 64th context is still the user's: " + last);
        String over = text(call(s, "OpenEnumerateInstances", className("Xen_ComputerSystem") + param("MaxObjectCount", "0")));
        assertTrue(over.contains("<ERROR CODE=\"" + CimStatus.SERVER_LIMITS_EXCEEDED.code() + "\""), over);
    }
}
