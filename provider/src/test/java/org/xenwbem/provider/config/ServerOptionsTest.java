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
}
