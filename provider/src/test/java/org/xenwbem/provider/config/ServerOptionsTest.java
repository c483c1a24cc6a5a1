package org.xenwbem.provider.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
    @Test
    void metricsIntervalDefaultsToAMinuteAndTakesSecondsOrZero() {
        assertEquals(Duration.ofSeconds(60), new ServerOptions().metricsInterval);
        assertEquals(Duration.ofSeconds(300),
                ServerOptions.parse(List.of("--metrics-interval", "300"), new ServerOptions()).metricsInterval);
        assertEquals(Duration.ZERO,
                ServerOptions.parse(List.of("--metrics-interval=0"), new ServerOptions()).metricsInterval);
        assertEquals(Duration.ofSeconds(5),
                ServerOptions.parse(List.of("--metrics-interval=5"), new ServerOptions()).metricsInterval);
    }

    @Test
    void metricsIntervalRejectsWhatRrdCannotServe() {
        for (String bad : List.of("3", "-1", "1m", "86401", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ServerOptions.parse(List.of("--metrics-interval=" + bad), new ServerOptions()), bad);
            assertTrue(e.getMessage().startsWith("--metrics-interval must be"), e.getMessage());
        }
    }

    @Test
    void maxEnvelopeKbDefaultsTo512AndIsBounded() {
        assertEquals(512, new ServerOptions().maxEnvelopeKb);
        assertEquals(2048, ServerOptions.parse(List.of("--max-envelope-kb", "2048"), new ServerOptions()).maxEnvelopeKb);
        assertEquals("--max-envelope-kb must be a number from 8 to 65536: 4", message(List.of("--max-envelope-kb=4")));
        assertEquals("--max-envelope-kb must be a number from 8 to 65536: 65537",
                message(List.of("--max-envelope-kb=65537")));
    }

    @Test
    void takesValuesAfterTheOptionOrAfterEqualsAndTheFlagAlone() {
        ServerOptions o = ServerOptions.parse(List.of("--port", "8443", "--simulate", "--bind=::1", "--sim-vms=0"),
                new ServerOptions());
        assertEquals(8443, o.port);
        assertTrue(o.simulate);
        assertEquals("::1", o.bind);
        assertEquals(0, o.simVms);
        assertTrue(ServerOptions.parse(List.of("--simulate=no"), new ServerOptions()).simulate, "a flag ignores =value");
        assertEquals("a=b", ServerOptions.parse(List.of("--sim-password=a=b"), new ServerOptions()).simPassword);
        assertEquals(java.nio.file.Path.of("/srv/sim"),
                ServerOptions.parse(List.of("--sim-storage", "/srv/sim"), new ServerOptions()).simStorage);
        assertEquals(null, new ServerOptions().simStorage, "a temporary directory unless asked");
    }

    @Test
    void mistakesAreTheMessagesUsersSee() {
        assertEquals("--port needs a value", message(List.of("--simulate", "--port")));
        assertEquals("unknown option --nope", message(List.of("--nope=1")));
        assertEquals("unknown option nope", message(List.of("nope", "1")));
        assertEquals("--port must be a number from 0 to 65535: 70000", message(List.of("--port", "70000")));
        assertEquals("--sim-hosts must be a number from 1 to 64: x", message(List.of("--sim-hosts=x")));
        assertEquals("--xapi must be an http:// or https:// URL: ftp://h/", message(List.of("--xapi", "ftp://h/")));
    }

    @Test
    void eventTrustTakesAFileAndPinsInEitherForm() {
        String fp = "AB:".repeat(31) + "CD";
        ServerOptions o = ServerOptions.parse(List.of("--event-trust-file", "/etc/xenwbem/listeners.pem",
                "--event-trust-pin", fp.toLowerCase(java.util.Locale.ROOT).replace(":", ""),
                "--event-trust-pin=" + fp + ",sha256:" + "01".repeat(32)), new ServerOptions());
        assertEquals(java.nio.file.Path.of("/etc/xenwbem/listeners.pem"), o.eventTrustFile);
        assertEquals(List.of(fp, fp, "01:".repeat(31) + "01"), o.eventTrustPins);
        assertEquals(List.of(), new ServerOptions().eventTrustPins, "none by default: the system trust store alone");
        assertTrue(message(List.of("--event-trust-pin", "AB:CD")).startsWith("--event-trust-pin: not a SHA-256"));
    }

    private static String message(List<String> args) {
        return assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse(args, new ServerOptions()))
                .getMessage();
    }

    @Test
    void connectionLimitsAndDeadlinesHaveDefaultsAndFlags() {
        ServerOptions d = new ServerOptions();
        assertEquals(1024, d.maxConnections);
        assertEquals(64, d.maxConnectionsPerClient);
        assertEquals(Duration.ofSeconds(20), d.headerTimeout);
        assertEquals(Duration.ofSeconds(20), d.bodyTimeout);
        assertEquals(500, d.bodyMinRate);
        ServerOptions o = ServerOptions.parse(List.of("--max-connections", "4000", "--max-connections-per-client=8",
                "--header-timeout", "10", "--body-timeout=30", "--body-min-rate", "1000"), new ServerOptions());
        assertEquals(4000, o.maxConnections);
        assertEquals(8, o.maxConnectionsPerClient);
        assertEquals(Duration.ofSeconds(10), o.headerTimeout);
        assertEquals(Duration.ofSeconds(30), o.bodyTimeout);
        assertEquals(1000, o.bodyMinRate);
        assertEquals("--max-connections-per-client must be a number from 1 to 1000000: 0",
                message(List.of("--max-connections-per-client", "0")));
        assertEquals("--header-timeout must be a number from 1 to 3600: 10s", message(List.of("--header-timeout=10s")));
    }

    @Test
    void certificateReloadAndXapiTrustOptions() {
        String fpr = "ab".repeat(32);
        ServerOptions o = ServerOptions.parse(List.of("--cert-reload-interval", "30", "--xapi-trust-pin", fpr,
                "--xapi-trust-file", "/etc/ssl/xapi.pem"), new ServerOptions());
        assertEquals(java.time.Duration.ofSeconds(30), o.certReloadInterval);
        assertEquals(List.of(String.join(":", java.util.Collections.nCopies(32, "AB"))), o.xapiTrustPins);
        assertEquals(java.nio.file.Path.of("/etc/ssl/xapi.pem"), o.xapiTrustFile);
        assertEquals(java.time.Duration.ofSeconds(10), new ServerOptions().certReloadInterval);
        assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(List.of("--xapi-trust-pin", "not-a-fingerprint"), new ServerOptions()));
        assertThrows(IllegalArgumentException.class,
                () -> ServerOptions.parse(List.of("--cert-reload-interval", "-1"), new ServerOptions()));
    }

    @Test
    void perUserLimits() {
        ServerOptions d = new ServerOptions();
        assertEquals(32, d.maxOperationsPerUser);
        assertEquals(64, d.maxEnumerationsPerUser);
        assertEquals(16, d.maxSubscriptionsPerUser);
        ServerOptions o = ServerOptions.parse(List.of("--max-operations-per-user", "5", "--max-enumerations-per-user=6",
                "--max-subscriptions-per-user", "7"), new ServerOptions());
        assertEquals(5, o.maxOperationsPerUser);
        assertEquals(6, o.maxEnumerationsPerUser);
        assertEquals(7, o.maxSubscriptionsPerUser);
        assertEquals("--max-operations-per-user must be a number from 1 to 100000: 0",
                message(List.of("--max-operations-per-user", "0")));
    }
}
