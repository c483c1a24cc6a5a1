package org.xenwbem.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeAnswerTest {
    @Test
    void srListsTargetListsAndLunLists() {
        ProbeAnswer srs = ProbeAnswer.parse("<?xml version=\"1.0\" ?>\n<SRlist>\n\t<SR>\n\t\t<UUID>\n\t\t\t"
                + "3c5d3c3e-0000-4000-8000-000000000001\n\t\t</UUID>\n\t\t<Devlist>/dev/sdb</Devlist>\n\t</SR>\n"
                + "\t<SR><UUID>3c5d3c3e-0000-4000-8000-000000000002</UUID></SR>\n</SRlist>");
        assertEquals("SRlist", srs.root());
        assertEquals(List.of("3c5d3c3e-0000-4000-8000-000000000001", "3c5d3c3e-0000-4000-8000-000000000002"),
                srs.field("UUID"));
        ProbeAnswer luns = ProbeAnswer.parse("<iscsi-target><LUN><vendor>IET</vendor><LUNid>1</LUNid>"
                + "<SCSIid>1IET_00010001</SCSIid></LUN></iscsi-target>");
        assertEquals(List.of(Map.of("vendor", "IET", "LUNid", "1", "SCSIid", "1IET_00010001")), luns.items());
        assertEquals(List.of(), ProbeAnswer.parse("<SRlist/>").items());
    }

    @Test
    void malformedXmlAndDoctypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ProbeAnswer.parse("<SRlist><SR>"));
        assertThrows(IllegalArgumentException.class, () -> ProbeAnswer.parse("not xml"));
        assertThrows(IllegalArgumentException.class, () -> ProbeAnswer.parse(
                "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><SRlist><SR><UUID>&e;</UUID></SR></SRlist>"));
    }
}
