package org.xenwbem.bridge.rrd;

/** A {@code data_source} record ({@code host.get_data_sources}, {@code VM.get_data_sources}). */
public record DataSource(String name, String description, boolean enabled, boolean standard, String units,
                         double min, double max, double value) {
}
