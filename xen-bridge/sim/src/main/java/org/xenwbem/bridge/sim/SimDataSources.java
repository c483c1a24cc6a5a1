package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code host.get_data_sources}, {@code host.query_data_source}, {@code VM.get_data_sources} and
 * {@code VM.query_data_source} (xenapi.md §4.3) over {@link SimRrd}: the latest 5-second value. A VM
 * that is not running has no data sources; an unknown name is INTERNAL_ERROR, as rrdd's Not_found.
 */
final class SimDataSources {
    private SimDataSources() {
    }

    static void register(Map<String, SimMethod> m, SimDatabase db, SimRrd rrd) {
        m.put("host.get_data_sources", SimMethod.read(2, (s, a) -> {
            String host = SimArgs.str(a, 0);
            db.record("host", host);
            return records(rrd, "host", (String) db.get("host", host, "uuid"), rrd.hostSources(host));
        }));
        m.put("host.query_data_source", SimMethod.read(3, (s, a) -> {
            String host = SimArgs.str(a, 0);
            return query(rrd, "host", (String) db.get("host", host, "uuid"), rrd.hostSources(host), SimArgs.str(a, 1));
        }));
        m.put("VM.get_data_sources", SimMethod.read(2, (s, a) -> {
            String vm = SimArgs.str(a, 0);
            return records(rrd, "vm", (String) db.get("VM", vm, "uuid"), running(db, vm) ? rrd.vmSources(vm) : List.of());
        }));
        m.put("VM.query_data_source", SimMethod.read(3, (s, a) -> {
            String vm = SimArgs.str(a, 0);
            List<String> sources = running(db, vm) ? rrd.vmSources(vm) : List.of();
            return query(rrd, "vm", (String) db.get("VM", vm, "uuid"), sources, SimArgs.str(a, 1));
        }));
    }

    private static boolean running(SimDatabase db, String vm) {
        Object state = db.get("VM", vm, "power_state");
        return "Running".equals(state) || "Paused".equals(state);
    }

    private static List<Object> records(SimRrd rrd, String kind, String uuid, List<String> sources) {
        long t = latest(rrd);
        List<Object> out = new ArrayList<>();
        for (String ds : sources) {
            out.add(SimRrd.dataSource(ds, rrd.value(new SimRrd.Column(kind, uuid, ds), t, "AVERAGE")));
        }
        return out;
    }

    private static Object query(SimRrd rrd, String kind, String uuid, List<String> sources, String name) {
        if (!sources.contains(name)) {
            throw new SimFault("INTERNAL_ERROR", "Rrd.Datasource_unknown(" + name + ")");
        }
        return rrd.value(new SimRrd.Column(kind, uuid, name), latest(rrd), "AVERAGE");
    }

    private static long latest(SimRrd rrd) {
        return Math.floorDiv(rrd.now(), 5) * 5;
    }
}
