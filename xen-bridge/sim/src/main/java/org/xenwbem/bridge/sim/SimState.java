package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PowerState;

/**
 * Direct, thread-safe access to the simulated pool for tests, by UUID. Every mutation goes through
 * the same store as XenAPI calls, so it stamps a new generation and {@code event.from} reports it.
 * Records are returned as copies of the wire form (refs are OpaqueRefs, ints are Long). An unknown
 * UUID is an {@link IllegalArgumentException}.
 */
public final class SimState {
    private static final String VM = "VM";
    private static final String HOST = "host";

    private final SimDatabase db;
    private final SimVmPower power;
    private final SimPoolSeeder seeder;
    private final SimSessions sessions;
    private final SimPoolSeeder.Layout layout;
    private final SimVmOps vmOps;

    SimState(SimDatabase db, SimVmPower power, SimPoolSeeder seeder, SimSessions sessions,
             SimPoolSeeder.Layout layout) {
        this.db = db;
        this.power = power;
        this.seeder = seeder;
        this.sessions = sessions;
        this.layout = layout;
        SimDevices devices = power.runtime().devices();
        this.vmOps = new SimVmOps(db, power, new SimVmCopier(db, devices, new SimVdis(db, devices)));
    }

    public String poolUuid() {
        return uuidOf("pool", layout.poolRef());
    }

    /** The current master (it moves with designate_new_master and HA failover). */
    public String masterUuid() {
        return db.atomically(() -> uuidOf(HOST, (String) db.get("pool", layout.poolRef(), "master")));
    }

    /** Host UUIDs in creation order (the master first). */
    public List<String> hostUuids() {
        return uuidsOf(HOST);
    }

    /** Every VM UUID: control domains, templates, snapshots and ordinary VMs. */
    public List<String> vmUuids() {
        return uuidsOf(VM);
    }

    public Optional<String> vmUuidByName(String nameLabel) {
        return db.atomically(() -> db.records(VM).values().stream()
                .filter(r -> nameLabel.equals(r.get("name_label")))
                .map(r -> (String) r.get("uuid"))
                .findFirst());
    }

    /** A copy of the VM's wire record. */
    public Map<String, Object> vmRecord(String uuid) {
        return db.record(VM, ref(VM, uuid));
    }

    public Map<String, Object> hostRecord(String uuid) {
        return db.record(HOST, ref(HOST, uuid));
    }

    /** A copy of the host's host_metrics record. */
    public Map<String, Object> hostMetricsRecord(String uuid) {
        return db.atomically(() -> db.record("host_metrics", (String) hostRecord(uuid).get("metrics")));
    }

    public PowerState vmPowerState(String uuid) {
        return PowerState.fromWire((String) vmRecord(uuid).get("power_state"));
    }

    /**
     * Forces a VM into {@code state} without xapi's rules (as if it changed behind xapi's back).
     * A VM becoming resident stays on its host, or goes to the least-loaded enabled host.
     */
    public void setVmPowerState(String uuid, PowerState state) {
        db.atomically(() -> {
            String ref = ref(VM, uuid);
            String old = (String) db.get(VM, ref, "power_state");
            String host = (String) db.get(VM, ref, "resident_on");
            boolean resident = state == PowerState.Running || state == PowerState.Paused;
            boolean wasResident = "Running".equals(old) || "Paused".equals(old);
            if (resident && !db.exists(HOST, host)) {
                host = power.pickHost();
            }
            power.apply(ref, state.name(), host, resident && !wasResident ? Instant.now() : null);
            return null;
        });
    }

    public void renameVm(String uuid, String nameLabel) {
        db.atomically(() -> {
            db.set(VM, ref(VM, uuid), "name_label", nameLabel);
            return null;
        });
    }

    public void setHostEnabled(String uuid, boolean enabled) {
        db.atomically(() -> {
            db.set(HOST, ref(HOST, uuid), "enabled", enabled);
            return null;
        });
    }

    /** Sets {@code host_metrics.live} of the host. */
    public void setHostLive(String uuid, boolean live) {
        db.atomically(() -> {
            db.set("host_metrics", (String) hostRecord(uuid).get("metrics"), "live", live);
            return null;
        });
    }

    /** Adds an ordinary VM (with VM_metrics) in {@code state}; returns its UUID. */
    public String addVm(String nameLabel, PowerState state) {
        return db.atomically(() -> {
            boolean resident = state == PowerState.Running || state == PowerState.Paused;
            String host = resident ? power.pickHost() : SimDatabase.NULL_REF;
            String ref = seeder.createVm(nameLabel, state.name(), host, 2 * SimRecords.GIB, 2);
            return uuidOf(VM, ref);
        });
    }

    /** Adds an attached VIF of VM {@code vmUuid} on network {@code networkUuid} (as a running guest has); returns its UUID. */
    public String addVif(String vmUuid, String networkUuid, String device) {
        return db.atomically(() -> {
            String ref = power.runtime().devices().createVif(ref(VM, vmUuid), ref("network", networkUuid), device, "");
            db.set("VIF", ref, "currently_attached", true);
            return uuidOf("VIF", ref);
        });
    }

    /** Removes a VM as {@code VM.destroy} would (after a forced halt): VBDs, VIFs, consoles, metrics; VDIs stay. */
    public void removeVm(String uuid) {
        db.atomically(() -> {
            String ref = ref(VM, uuid);
            String state = (String) db.get(VM, ref, "power_state");
            if (!"Halted".equals(state)) {
                power.apply(ref, "Halted", SimDatabase.NULL_REF, null);
            }
            vmOps.destroyRecordOnly(ref);
            return null;
        });
    }

    /** The UUIDs of every object of a XenAPI class (e.g. {@code "VBD"}, {@code "network"}), in creation order. */
    public List<String> uuids(String xenApiClass) {
        return uuidsOf(xenApiClass);
    }

    /** A copy of any object's wire record (refs are OpaqueRefs; see {@link #uuidOfRef}). */
    public Map<String, Object> record(String xenApiClass, String uuid) {
        return db.record(xenApiClass, ref(xenApiClass, uuid));
    }

    /** The UUID of the object behind a ref found in a wire record; "" for OpaqueRef:NULL or an unknown ref. */
    public String uuidOfRef(String xenApiClass, String ref) {
        return db.atomically(() -> db.exists(xenApiClass, ref) ? uuidOf(xenApiClass, ref) : "");
    }

    /**
     * Sets one field of any object behind xapi's back, as a changed guest or an SM back end would
     * (one generation, one event). The value is in wire form; refs must be OpaqueRefs.
     */
    public void setField(String xenApiClass, String uuid, String field, Object value) {
        db.atomically(() -> {
            db.set(xenApiClass, ref(xenApiClass, uuid), field, value);
            return null;
        });
    }

    /** How many objects of the class exist. */
    public int count(String xenApiClass) {
        return db.count(xenApiClass);
    }

    /** The pool's default SR, "" when unset. */
    public String defaultSrUuid() {
        return db.atomically(() -> uuidOfRef("SR", (String) db.get("pool", layout.poolRef(), "default_SR")));
    }

    /** Ends every session, so that the next call of any client gets SESSION_INVALID. */
    public void invalidateAllSessions() {
        sessions.invalidateAll();
    }

    public int sessionCount() {
        return sessions.count();
    }

    /** The store's generation (the first number of an event.from token). */
    public long generation() {
        return db.generation();
    }

    /**
     * The highest token generation an event.from call came back with: its caller (in tests, the
     * pool mirror, which calls again only once it has applied the previous answer) has every change
     * up to it. A test waits for this to reach {@link #generation()} to know the mirror caught up.
     */
    public long eventsConsumedThrough() {
        return db.consumedThrough();
    }

    private String ref(String cls, String uuid) {
        try {
            return db.refByUuid(cls, uuid);
        } catch (SimFault f) {
            throw new IllegalArgumentException("no " + cls + " with UUID " + uuid, f);
        }
    }

    private String uuidOf(String cls, String ref) {
        return (String) db.get(cls, ref, "uuid");
    }

    private List<String> uuidsOf(String cls) {
        return db.atomically(() -> {
            List<String> out = new ArrayList<>();
            db.records(cls).values().forEach(r -> out.add((String) r.get("uuid")));
            return out;
        });
    }
}
