package org.xenwbem.pack;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Leaving java.desktop and java.sql out is allowed only for the classes known never to run. */
class RuntimeImageTest {
    @Test
    void theKnownNeverRunClassesMayNeedTheLeftOutModules() {
        String out = """
                jetty-util-12.1.4.jar -> java.desktop
                   org.eclipse.jetty.util.preventers.AWTLeakPreventer -> java.awt.Toolkit                 java.desktop
                   org.eclipse.jetty.util.preventers.DriverManagerLeakPreventer -> java.sql.DriverManager  java.sql
                   org.bouncycastle.x509.util.LDAPStoreHelper         -> java.sql.Date                    java.sql
                   org.xenwbem.provider.server.Main                    -> java.lang.String                java.base
                """;
        assertDoesNotThrow(() -> RuntimeImage.checkNeverRun(out));
    }

    @Test
    void anyOtherClassNeedingThemFailsTheBuild() {
        String out = "   org.example.Charts -> java.awt.Color      java.desktop\n";
        PackException e = assertThrows(PackException.class, () -> RuntimeImage.checkNeverRun(out));
        assertTrue(e.getMessage().contains("org.example.Charts needs java.desktop"), e.getMessage());
    }
}
