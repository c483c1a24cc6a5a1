/**
 * The latest disk and NIC performance values of the pool (xenapi.md §4.3: {@code vbd_<dev>_read},
 * {@code _write}, {@code _read_latency}, {@code _write_latency}, {@code vif_<n>_rx/_tx},
 * {@code pif_<dev>_rx/_tx}), sampled in the background from each live host's {@code /rrd_updates}
 * by {@link org.xenwbem.bridge.perf.RrdSampler} and read as an immutable
 * {@link org.xenwbem.bridge.perf.PerfSnapshot}, so that serving a value never calls xapi.
 */
package org.xenwbem.bridge.perf;
