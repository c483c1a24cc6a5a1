/**
 * Performance data from xapi (xenapi.md §4): {@code GET /rrd_updates} (XPort XML or JSON, rows newest
 * first on the wire, legend {@code CF:host|vm|sr:<uuid>:<ds>}) and {@code GET /host_rrd} (rrdtool
 * XML dump) read into typed series per object and data source, and {@code host/VM.query_data_source}
 * and {@code get_data_sources} as the fallback. Entry point: {@link org.xenwbem.bridge.rrd.RrdReader}.
 */
package org.xenwbem.bridge.rrd;
