package org.xenwbem.cim;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CIM datetime (DSP0004 §5.2.4): either a timestamp {@code yyyymmddhhmmss.mmmmmmsutc} or an
 * interval {@code ddddddddhhmmss.mmmmmm:000}. Wildcard (asterisk) forms are accepted on parse
 * for intervals only where digits are given.
 */
public final class CimDateTime {
    private static final Pattern TIMESTAMP =
            Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})\\.(\\d{6})([+-])(\\d{3})");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{8})(\\d{2})(\\d{2})(\\d{2})\\.(\\d{6}):000");

    private final String text;
    private final Instant instant;
    private final Duration interval;

    private CimDateTime(String text, Instant instant, Duration interval) {
        this.text = text;
        this.instant = instant;
        this.interval = interval;
    }

    public static CimDateTime of(Instant instant) {
        OffsetDateTime t = instant.atOffset(ZoneOffset.UTC);
        String s = String.format("%04d%02d%02d%02d%02d%02d.%06d+000", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000);
        return new CimDateTime(s, instant, null);
    }

    public static CimDateTime ofInterval(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative interval");
        }
        long days = d.toDays();
        String s = String.format("%08d%02d%02d%02d.%06d:000", days, d.toHoursPart(), d.toMinutesPart(),
                d.toSecondsPart(), d.toNanosPart() / 1000);
        return new CimDateTime(s, null, d);
    }

    public static CimDateTime parse(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (m.matches()) {
            int offMin = Integer.parseInt(m.group(9)) * (m.group(8).equals("-") ? -1 : 1);
            try {
                OffsetDateTime t = OffsetDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)) * 1000,
                        ZoneOffset.ofTotalSeconds(offMin * 60));
                return new CimDateTime(s, t.toInstant(), null);
            } catch (java.time.DateTimeException e) { // month 13, 31 February, an offset beyond 18 h
                throw new IllegalArgumentException("not a CIM datetime: " + s + " (" + e.getMessage() + ")", e);
            }
        }
        m = INTERVAL.matcher(s);
        if (m.matches()) {
            Duration d = Duration.ofDays(Long.parseLong(m.group(1))).plusHours(Long.parseLong(m.group(2)))
                    .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)))
                    .plusNanos(Long.parseLong(m.group(5)) * 1000);
            return new CimDateTime(s, null, d);
        }
        throw new IllegalArgumentException("not a CIM datetime: " + s);
    }

    public boolean isInterval() {
        return interval != null;
    }

    /** The timestamp, or null for an interval. */
    public Instant instant() {
        return instant;
    }

    /** The interval, or null for a timestamp. */
    public Duration interval() {
        return interval;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CimDateTime d && Objects.equals(instant, d.instant) && Objects.equals(interval, d.interval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instant, interval);
    }

    @Override
    public String toString() {
        return text;
    }
}
