package org.xenwbem.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The build's settings: a fresh update UUID per build, releases that grow, and refused bad values. */
class PackSettingsTest {
    private static final String[] BASE = {"basedir=/b", "target=/t", "lib=/l", "version=0.1.0-SNAPSHOT"};

    private static String[] with(String... extra) {
        String[] a = new String[BASE.length + extra.length];
        System.arraycopy(BASE, 0, a, 0, BASE.length);
        System.arraycopy(extra, 0, a, BASE.length, extra.length);
        return a;
    }

    @Test
    void everyBuildGetsAFreshUuidUnlessOneIsConfigured() throws Exception {
        assertNotEquals(PackSettings.parse(with()).uuid(), PackSettings.parse(with()).uuid());
        String u = "0e2b5d3c-93a4-4f0e-9d3b-6d1f0c2a7b11";
        assertEquals(u, PackSettings.parse(with("uuid=" + u)).uuid());
        assertThrows(PackException.class, () -> PackSettings.parse(with("uuid=0E2B5D3C-93A4-4F0E-9D3B-6D1F0C2A7B11")));
    }

    @Test
    void snapshotsGetATimestampReleaseAndReleasesRelease1() throws Exception {
        PackSettings snap = PackSettings.parse(with());
        assertEquals("0.1.0", snap.rpmVersion());
        assertTrue(snap.release().matches("0\\.\\d{14}"), snap.release());
        PackSettings rel = PackSettings.parse(new String[] {"basedir=/b", "target=/t", "lib=/l", "version=1.2.0"});
        assertEquals("1.2.0-1", rel.fullVersion());
        assertEquals("RPM-GPG-KEY-xenwbem", rel.keyFileName());
    }

    @Test
    void aConfiguredKeyNeedsItsHome() throws Exception {
        PackSettings s = PackSettings.parse(with("key=ABCDEF"));
        assertThrows(PackException.class, () -> SigningKey.open(s));
        assertThrows(PackException.class, () -> PackSettings.parse(new String[] {"basedir=/b"}));
    }
}
