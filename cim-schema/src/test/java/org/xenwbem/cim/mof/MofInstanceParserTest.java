package org.xenwbem.cim.mof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/** MOF-syntax embedded instances, as the anchor's CIM-XML clients sent them. */
class MofInstanceParserTest {
    private final ClassRepository repo = SchemaLoader.cimv2();

    @Test
    void typedValuesArraysAndNull() {
        CimInstance i = MofInstanceParser.parse("instance of Xen_DiskSettingData {\n ElementName = \"data disk\";\n"
                + " VirtualQuantity = 10737418240; ResourceType = 19; Bootable = TRUE;\n HostResource = {\"a\", \"b\"};\n"
                + " Description = NULL; };", repo, "root/cimv2");
        assertEquals("Xen_DiskSettingData", i.className());
        assertEquals("data disk", i.get("ElementName"));
        assertEquals(10737418240L, i.get("VirtualQuantity"));
        assertEquals(19L, i.get("ResourceType"));
        assertEquals(Boolean.TRUE, i.get("Bootable"));
        assertEquals(List.of("a", "b"), i.get("HostResource"));
        assertNull(i.get("Description"));
        assertTrue(MofInstanceParser.looksLikeMof("  instance of X {};"));
    }

    @Test
    void errorsAreSchemaExceptions() {
        assertThrows(SchemaException.class, () -> MofInstanceParser.parse("instance of Nope { };", repo, "root/cimv2"));
        assertThrows(SchemaException.class, () -> MofInstanceParser.parse(
                "instance of Xen_DiskSettingData { Bogus = 1; };", repo, "root/cimv2"));
        assertThrows(SchemaException.class, () -> MofInstanceParser.parse(
                "instance of Xen_DiskSettingData { ResourceType = \"x\"; };", repo, "root/cimv2"));
        assertThrows(SchemaException.class, () -> MofInstanceParser.parse(
                "instance of Xen_DiskSettingData { ResourceType = 70000; };", repo, "root/cimv2"));
        assertThrows(SchemaException.class, () -> MofInstanceParser.parse(
                "instance of Xen_DiskSettingData { ElementName = \"x\" ", repo, "root/cimv2"));
        assertThrows(SchemaException.class, () -> MofInstanceParser.parse("x".repeat(300_000), repo, "root/cimv2"));
    }
}
