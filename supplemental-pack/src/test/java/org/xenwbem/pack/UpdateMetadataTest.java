package org.xenwbem.pack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** update.xml and the comps group as build-update writes them. */
class UpdateMetadataTest {
    @Test
    void updateXmlNamesKeyControlAndSize() throws Exception {
        PackSettings s = PackSettings.parse(new String[] {"basedir=/b", "target=/t", "lib=/l", "version=1.0.0",
                "uuid=0e2b5d3c-93a4-4f0e-9d3b-6d1f0c2a7b11"});
        String x = UpdateMetadata.updateXml(s, 1234, "a <b> & c");
        assertTrue(x.contains("<update name-label=\"xenwbem\" version=\"1.0.0-1\" uuid=\"0e2b5d3c-93a4-4f0e-9d3b-6d1f0c2a7b11\""
                + " installation-size=\"1234\" key=\"RPM-GPG-KEY-xenwbem\" control=\"control-xenwbem\""), x);
        assertTrue(x.contains("<name-description>a &lt;b&gt; &amp; c</name-description>"), x);
        String g = UpdateMetadata.groupsXml(s, "d");
        assertTrue(g.contains("<id>update</id>") && g.contains("<packagereq type=\"mandatory\">update-xenwbem</packagereq>"), g);
    }
}
