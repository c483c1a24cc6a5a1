package org.xenwbem.bridge.rrd;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * One column of an RRD export: the consolidation function, the object ({@code host}, {@code vm} or
 * {@code sr} and its UUID), the data source, and its samples in time order (oldest first). Values may be
 * NaN (unknown). Immutable.
 */
public final class RrdSeries {
    private final String cf;
    private final String objectType;
    private final String uuid;
    private final String dataSource;
    private final long[] timestamps;
    private final double[] values;

    public RrdSeries(String cf, String objectType, String uuid, String dataSource, long[] timestamps, double[] values) {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
        this.cf = cf;
        this.objectType = objectType;
        this.uuid = uuid;
        this.dataSource = dataSource;
        this.timestamps = timestamps.clone();
        this.values = values.clone();
    }

    public String cf() {
        return cf;
    }

    /** {@code host}, {@code vm} or {@code sr}. */
    public String objectType() {
        return objectType;
    }

    public String uuid() {
        return uuid;
    }

    public String dataSource() {
        return dataSource;
    }

    public int size() {
        return values.length;
    }

    /** Epoch seconds of sample {@code i} (0 is the oldest). */
    public long timestamp(int i) {
        return timestamps[i];
    }

    public double value(int i) {
        return values[i];
    }

    public long[] timestamps() {
        return timestamps.clone();
    }

    public double[] values() {
        return values.clone();
    }

    /** The newest value that is not NaN. */
    public OptionalDouble latest() {
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return OptionalDouble.of(values[i]);
            }
        }
        return OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return "RrdSeries[" + cf + ":" + objectType + ":" + uuid + ":" + dataSource + ", " + values.length
                + " samples" + (values.length > 0 ? ", last " + values[values.length - 1] : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RrdSeries s && cf.equals(s.cf) && objectType.equals(s.objectType) && uuid.equals(s.uuid)
                && dataSource.equals(s.dataSource) && Arrays.equals(timestamps, s.timestamps)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return (cf + objectType + uuid + dataSource).hashCode() * 31 + Arrays.hashCode(values);
    }
}
