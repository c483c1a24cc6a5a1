package org.xenwbem.bridge.rrd;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An RRD export: its time frame ({@code start}..{@code end} epoch seconds, one row every {@code step})
 * and one {@link RrdSeries} per legend entry, in legend order. Immutable.
 */
public record RrdUpdates(long start, long step, long end, List<RrdSeries> series) {
    public RrdUpdates {
        series = List.copyOf(series);
    }

    /** The series of one object's data source, e.g. {@code series("vm", uuid, "cpu0")}. */
    public Optional<RrdSeries> series(String objectType, String uuid, String dataSource) {
        return series.stream().filter(s -> s.objectType().equals(objectType) && s.uuid().equals(uuid)
                && s.dataSource().equals(dataSource)).findFirst();
    }

    /** Every series of one object. */
    public List<RrdSeries> forObject(String uuid) {
        List<RrdSeries> out = new ArrayList<>();
        series.stream().filter(s -> s.uuid().equals(uuid)).forEach(out::add);
        return out;
    }

    /** The UUIDs of the objects present, in legend order. */
    public Set<String> objects() {
        Set<String> out = new LinkedHashSet<>();
        series.forEach(s -> out.add(s.uuid()));
        return out;
    }

    /** The number of rows (samples per series). */
    public int rows() {
        return series.isEmpty() ? 0 : series.get(0).size();
    }
}
