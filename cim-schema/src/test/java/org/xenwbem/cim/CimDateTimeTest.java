package org.xenwbem.cim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CimDateTimeTest {
    @Test
    void timestampsAndIntervalsParse() {
        assertEquals(Instant.parse("2024-01-02T02:04:05Z"), CimDateTime.parse("20240102030405.000000+060").instant());
        assertEquals(Duration.ofDays(1).plusSeconds(2), CimDateTime.parse("00000001000002.000000:000").interval());
    }

    @Test
    void impossibleDatesAreIllegalArgumentsNotDateTimeExceptions() {
        // the WQL evaluator and the decoders catch IllegalArgumentException only: every bad input must be one
        assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse("20241302030405.000000+000"));
        assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse("20240231030405.000000+000"));
        assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse("20240101250405.000000+000"));
        assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse("yesterday"));
    }
}
