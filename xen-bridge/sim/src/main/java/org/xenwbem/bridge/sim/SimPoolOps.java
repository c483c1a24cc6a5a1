package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pool membership and HA as xapi does them (Xapi_pool.eject, enable_ha, disable_ha,
 * set_ha_host_failures_to_tolerate; roles pool-operator and stronger, so pool-admin in the simulator):
 * <ul>
 * <li>{@code pool.eject}: HA_IS_ENABLED while HA is on; the master cannot be ejected
 * (OPERATION_NOT_ALLOWED); a guest resident on the host refuses it (HOST_IN_USE [host; "VM"; vm]).
 * Otherwise every record of the host goes: its PBDs, PIFs (with their VLANs and bonds), CPUs, metrics,
 * control domain and the local SRs only it could see; halted VMs with it as affinity lose the affinity.
 * The host itself comes back standalone at its address, root's password still the pool's
 * ({@link SimStandaloneHosts#ejected}), so it can join again.</li>
 * <li>{@code pool.enable_ha(heartbeat_srs, configuration)}: HA_IS_ENABLED when on; a heartbeat SR that
 * is not shared is HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED. Each heartbeat SR gets a statefile VDI
 * ({@code ha_statefiles}); {@code ha_configuration} keeps the configuration.</li>
 * <li>{@code pool.disable_ha}: HA_NOT_ENABLED when off; the statefiles are destroyed.</li>
 * <li>{@code pool.set_ha_host_failures_to_tolerate}: INVALID_VALUE below 0; with HA on, more than the
 * other hosts can absorb is HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN.</li>
 * </ul>
 * Every check comes before the first change, so a refused call changes nothing.
 */
final class SimPoolOps {
    private static final String POOL = "pool";
    private static final String HOST = "host";

    private final SimDatabase db;
    private final SimStandaloneHosts standalone;

    SimPoolOps(SimDatabase db, SimStandaloneHosts standalone) {
        this.db = db;
        this.standalone = standalone;
    }

    static List<String> permissions() {
        return List.of("pool.join", "pool.eject", "pool.enable_ha", "pool.disable_ha", "pool.set_ha_host_failures_to_tolerate");
    }

    void register(Map<String, SimMethod> m) {
        m.put("pool.eject", SimMethod.action(2, "pool.eject", (s, a) -> eject(SimArgs.str(a, 0))));
        m.put("pool.enable_ha", SimMethod.action(3, "pool.enable_ha",
                (s, a) -> enableHa(refs(a.get(0)), stringMap(a.get(1)))));
        m.put("pool.disable_ha", SimMethod.action(1, "pool.disable_ha", (s, a) -> disableHa()));
        m.put("pool.set_ha_host_failures_to_tolerate", SimMethod.write(3, "pool.set_ha_host_failures_to_tolerate",
                (s, a) -> setFailures(SimArgs.str(a, 0), SimArgs.int64(a, 1))));
    }

    private String pool() {
        return db.refs(POOL).get(0);
    }

    private Object eject(String host) {
        return db.atomically(() -> {
            db.record(HOST, host);
            String pool = pool();
            if (Boolean.TRUE.equals(db.get(POOL, pool, "ha_enabled"))) {
                throw new SimFault("HA_IS_ENABLED");
            }
            if (host.equals(db.get(POOL, pool, "master"))) {
                throw new SimFault("OPERATION_NOT_ALLOWED", "Cannot eject the pool master; designate a new one first");
            }
            for (Object vm : (List<?>) db.get(HOST, host, "resident_VMs")) {
                if (!Boolean.TRUE.equals(db.get("VM", (String) vm, "is_control_domain"))) {
                    throw new SimFault("HOST_IN_USE", host, "VM", (String) vm);
                }
            }
            String address = (String) db.get(HOST, host, "address");
            String name = (String) db.get(HOST, host, "name_label");
            new SimHostRemoval(db).remove(host);
            standalone.ejected(host, address, name);
            return "";
        });
    }

    private Object enableHa(List<String> srs, Map<String, String> config) {
        return db.atomically(() -> {
            String pool = pool();
            if (Boolean.TRUE.equals(db.get(POOL, pool, "ha_enabled"))) {
                throw new SimFault("HA_IS_ENABLED");
            }
            for (String sr : srs) {
                db.record("SR", sr);
                if (!Boolean.TRUE.equals(db.get("SR", sr, "shared"))) {
                    throw new SimFault("HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED", sr);
                }
            }
            List<String> statefiles = new ArrayList<>();
            for (String sr : srs) {
                statefiles.add(statefile(sr));
            }
            db.set(POOL, pool, "ha_statefiles", statefiles);
            db.set(POOL, pool, "ha_configuration", new HashMap<>(config));
            db.set(POOL, pool, "ha_enabled", true);
            return "";
        });
    }

    /** The statefile VDI xapi creates on a heartbeat SR (type ha_statefile, 4 MiB). */
    private String statefile(String sr) {
        Map<String, Object> vdi = SimDeviceRecords.vdi(db.newUuid(), "Statefile for HA", sr, 4L << 20, 4L << 20,
                "ha_statefile");
        vdi.put("name_description", "Used for storage heartbeating");
        vdi.put("sharable", true);
        String ref = db.create("VDI", vdi);
        db.addToSet("SR", sr, "VDIs", ref);
        return ref;
    }

    private Object disableHa() {
        return db.atomically(() -> {
            String pool = pool();
            if (!Boolean.TRUE.equals(db.get(POOL, pool, "ha_enabled"))) {
                throw new SimFault("HA_NOT_ENABLED");
            }
            for (Object vdi : (List<?>) db.get(POOL, pool, "ha_statefiles")) {
                if (db.exists("VDI", (String) vdi)) {
                    db.removeFromSet("SR", (String) db.get("VDI", (String) vdi, "SR"), "VDIs", vdi);
                    db.delete("VDI", (String) vdi);
                }
            }
            db.set(POOL, pool, "ha_statefiles", List.of());
            db.set(POOL, pool, "ha_configuration", Map.of());
            db.set(POOL, pool, "ha_enabled", false);
            return "";
        });
    }

    private Object setFailures(String pool, long value) {
        return db.atomically(() -> {
            db.record(POOL, pool);
            if (value < 0) {
                throw new SimFault("INVALID_VALUE", "ha_host_failures_to_tolerate", Long.toString(value));
            }
            if (Boolean.TRUE.equals(db.get(POOL, pool, "ha_enabled")) && value > db.refs(HOST).size() - 1) {
                throw new SimFault("HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN");
            }
            db.set(POOL, pool, "ha_host_failures_to_tolerate", value);
            return "";
        });
    }

    private static List<String> refs(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(String.valueOf(o));
            }
        } else if (v instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        } else {
            throw new SimFault("FIELD_TYPE_ERROR", "heartbeat_srs");
        }
        return out;
    }

    private static Map<String, String> stringMap(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new SimFault("FIELD_TYPE_ERROR", "configuration");
        }
        Map<String, String> out = new HashMap<>();
        m.forEach((k, x) -> out.put(String.valueOf(k), String.valueOf(x)));
        return out;
    }
}
