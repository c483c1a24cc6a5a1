package org.xenwbem.provider.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorOptionsTest {
    @Test
    void takesValuesAfterTheOptionOrAfterEqualsAndTheFlagAlone() {
        DoctorOptions o = DoctorOptions.parse(List.of("--host", "h1", "--verify-install", "--port=5990",
                "--xapi-password-file", "/tmp/pw", "--xapi=https://x/", "--timeout", "30"));
        assertEquals("h1", o.host);
        assertTrue(o.verifyInstallOnly);
        assertEquals(5990, o.port);
        assertEquals(Path.of("/tmp/pw"), o.passwordFile);
        assertEquals(URI.create("https://x/"), o.xapi);
        assertEquals(30, o.timeoutSeconds);
    }

    @Test
    void laterOptionsWin() {
        assertEquals(6000, DoctorOptions.parse(List.of("--port", "5989", "--port=6000")).port);
    }

    @Test
    void mistakesAreTheMessagesUsersSee() {
        assertEquals("--timeout needs a value", message(List.of("--timeout")));
        assertEquals("unknown doctor option --simulate", message(List.of("--simulate", "x")));
        assertEquals("--port must be a number from 1 to 65535: 0", message(List.of("--port=0")));
        assertEquals("--xapi must be an http:// or https:// URL: localhost", message(List.of("--xapi", "localhost")));
    }

    private static String message(List<String> args) {
        return assertThrows(IllegalArgumentException.class, () -> DoctorOptions.parse(args)).getMessage();
    }
}
