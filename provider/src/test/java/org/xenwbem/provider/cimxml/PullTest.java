package org.xenwbem.provider.cimxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.InstanceProvider;

/** DSP0200 1.4 pull operations over CIM-XML (the write operations are in WriteCallsTest, on the real providers). */
class PullTest {
    private final Map<String, CimInstance> store = new TreeMap<>();
    private ClassRepository classes;
    private CimXmlService service;

    @BeforeEach
    void setUp() {
        classes = SchemaLoader.cimv2();
        for (int i = 0; i < 5; i++) {
            store.put("vm-" + i, vm("vm-" + i, "label-" + i));
        }
        InstanceProvider p = new InstanceProvider() {
            @Override
            public String className() {
                return "Xen_ComputerSystem";
            }

            @Override
            public List<CimInstance> enumerate(RequestContext ctx) {
                return new ArrayList<>(store.values());
            }
        };
        service = new CimXmlService(CimOperations.builder().namespace("root/cimv2", classes).provider("root/cimv2", p).build());
    }

    private CimInstance vm(String name, String label) {
        return CimInstance.builder(classes.get("Xen_ComputerSystem")).namespace("root/cimv2")
                .set("CreationClassName", "Xen_ComputerSystem").set("Name", name).set("ElementName", label).build();
    }

    private String call(String method, String params) {
        String body = "<?xml version=\"1.0\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"3\" PROTOCOLVERSION=\"1.0\">"
                + "<SIMPLEREQ><IMETHODCALL NAME=\"" + method + "\"><LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/>"
                + "<NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>" + params + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        return new String(service.handle(body.getBytes(StandardCharsets.UTF_8), "MethodCall", method, "root/cimv2",
                new RequestContext("root", "pool-admin", "c", "t"), "h").body(), StandardCharsets.UTF_8);
    }

    private static String param(String name, String value) {
        return "<IPARAMVALUE NAME=\"" + name + "\"><VALUE>" + value + "</VALUE></IPARAMVALUE>";
    }

    private static int count(String s, String needle) {
        return s.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void openPullClose() {
        String first = call("OpenEnumerateInstances", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"Xen_ComputerSystem\"/>"
                + "</IPARAMVALUE>" + param("MaxObjectCount", "2"));
        assertEquals(2, count(first, "<VALUE.INSTANCEWITHPATH>"), first);
        assertTrue(first.contains("<PARAMVALUE NAME=\"EndOfSequence\" PARAMTYPE=\"boolean\"><VALUE>FALSE</VALUE>"), first);
        String ctx = first.replaceAll("(?s).*NAME=\"EnumerationContext\" PARAMTYPE=\"string\"><VALUE>([^<]+)</VALUE>.*", "$1");
        String rest = call("PullInstancesWithPath", param("EnumerationContext", ctx) + param("MaxObjectCount", "10"));
        assertEquals(3, count(rest, "<VALUE.INSTANCEWITHPATH>"), rest);
        assertTrue(rest.contains("<VALUE>TRUE</VALUE>"), rest);
        String again = call("PullInstancesWithPath", param("EnumerationContext", ctx) + param("MaxObjectCount", "1"));
        assertTrue(again.contains("<ERROR CODE=\"21\""), again);
    }

    @Test
    void openQueryAndPaths() {
        String q = call("OpenQueryInstances", param("FilterQueryLanguage", "WQL")
                + param("FilterQuery", "SELECT * FROM Xen_ComputerSystem WHERE ElementName LIKE 'label-[34]'")
                + param("MaxObjectCount", "10"));
        assertEquals(2, count(q, "<VALUE.INSTANCEWITHPATH>"), q);
        String p = call("OpenEnumerateInstancePaths", "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"Xen_ComputerSystem\"/>"
                + "</IPARAMVALUE>" + param("MaxObjectCount", "100"));
        assertEquals(5, count(p, "<INSTANCEPATH>"), p);
        String close = call("CloseEnumeration", param("EnumerationContext", "nope"));
        assertTrue(close.contains("<ERROR CODE=\"21\""), close);
    }
}
