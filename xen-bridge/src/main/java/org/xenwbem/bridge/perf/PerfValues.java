package org.xenwbem.bridge.perf;

import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The sampled values of one host or VM: data-source names in sorted order (names are shared between
 * objects, see {@link RrdSampler}) with their newest known value and the time of the row it came from.
 * Two parallel arrays instead of a map keep 1,000 VMs × 16 sources to a few hundred kilobytes. Immutable.
 */
public final class PerfValues {
    private final long sampledAt;
    private final String[] names;
    private final double[] values;

    PerfValues(long sampledAt, String[] sortedNames, double[] values) {
        if (sortedNames.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        this.sampledAt = sampledAt;
        this.names = sortedNames;
        this.values = values;
    }

    /** Epoch seconds of the newest row these values come from. */
    public Instant sampledAt() {
        return Instant.ofEpochSecond(sampledAt);
    }

    long epochSecond() {
        return sampledAt;
    }

    /** The value of data source {@code name}; empty when the host did not report it. */
    public OptionalDouble value(String name) {
        int i = Arrays.binarySearch(names, name);
        return i < 0 ? OptionalDouble.empty() : OptionalDouble.of(values[i]);
    }

    /** How many data sources are held. */
    public int size() {
        return names.length;
    }

    @Override
    public String toString() {
        return "PerfValues[" + names.length + " sources at " + sampledAt + "]";
    }
}
