package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * VM power operations with xapi's rules (xenapi.md §3.1, {@code xapi_vm_lifecycle.ml}): the allowed
 * power states per operation, VM_BAD_POWER_STATE with lower-case states, VM_IS_TEMPLATE, and the
 * side effects on {@code resident_on}, {@code domid}, {@code allowed_operations}, VM_metrics and
 * the host's {@code resident_VMs} and free memory. Every method runs under the database monitor.
 */
final class SimVmPower {
    static final String VM = "VM";
    static final String HOST = "host";
    private static final String NULL = SimDatabase.NULL_REF;
    /** Operation → allowed power states, in xapi's order (it is the order of "expected"). */
    private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("start", List.of("Halted"));
        ALLOWED.put("start_on", List.of("Halted"));
        ALLOWED.put("resume", List.of("Suspended"));
        ALLOWED.put("unpause", List.of("Paused"));
        ALLOWED.put("clean_shutdown", List.of("Running"));
        ALLOWED.put("clean_reboot", List.of("Running"));
        ALLOWED.put("suspend", List.of("Running"));
        ALLOWED.put("pause", List.of("Running"));
        ALLOWED.put("hard_reboot", List.of("Paused", "Running"));
        ALLOWED.put("hard_shutdown", List.of("Paused", "Suspended", "Running"));
    }

    /** The other operations and their allowed power states (xenapi.md §3.1), for allowed_operations. */
    private static final Map<String, List<String>> OTHER_OPS = new LinkedHashMap<>();

    static {
        OTHER_OPS.put("provision", List.of("Halted"));
        OTHER_OPS.put("make_into_template", List.of("Halted"));
        OTHER_OPS.put("pool_migrate", List.of("Running"));
        OTHER_OPS.put("checkpoint", List.of("Paused", "Suspended", "Running"));
        OTHER_OPS.put("migrate_send", List.of("Halted", "Suspended", "Running"));
        OTHER_OPS.put("clone", List.of("Halted"));
        OTHER_OPS.put("copy", List.of("Halted"));
        OTHER_OPS.put("destroy", List.of("Halted", "Suspended"));
        OTHER_OPS.put("export", List.of("Halted", "Suspended"));
        OTHER_OPS.put("snapshot", List.of("Halted", "Paused", "Suspended", "Running"));
        OTHER_OPS.put("revert", List.of("Halted", "Paused", "Suspended", "Running"));
    }

    private final SimDatabase db;
    private final SimRuntime runtime;
    private long nextDomid = 1;

    SimVmPower(SimDatabase db, SimRuntime runtime) {
        this.db = db;
        this.runtime = runtime;
    }

    SimRuntime runtime() {
        return runtime;
    }

    /** The power operations this class implements (the names after {@code VM.}). */
    static List<String> operations() {
        return List.copyOf(ALLOWED.keySet());
    }

    /** Runs {@code VM.<op>(vm, …)}; {@code args} excludes the session. Returns "" (void). */
    Object perform(String op, List<Object> args) {
        return db.atomically(() -> {
            String vm = String.valueOf(args.get(0));
            Map<String, Object> rec = db.record(VM, vm);
            checkAllowed(op, vm, rec);
            String current = (String) rec.get("resident_on");
            switch (op) {
                case "start", "resume" -> boot(vm, SimArgs.bool(args, 1), hostFor(vm));
                case "start_on" -> {
                    String host = String.valueOf(args.get(1));
                    assertCanBootHere(vm, host);
                    boot(vm, SimArgs.bool(args, 2), host);
                }
                case "clean_shutdown", "hard_shutdown" -> apply(vm, "Halted", NULL, null);
                case "suspend" -> apply(vm, "Suspended", NULL, null);
                case "clean_reboot", "hard_reboot" -> apply(vm, "Running", current, Instant.now());
                case "pause" -> apply(vm, "Paused", current, null);
                case "unpause" -> apply(vm, "Running", current, null);
                default -> throw new IllegalArgumentException("not a power operation: " + op);
            }
            return "";
        });
    }

    private void checkAllowed(String op, String vm, Map<String, Object> rec) {
        if (Boolean.TRUE.equals(rec.get("is_a_template"))) {
            throw new SimFault("VM_IS_TEMPLATE", vm);
        }
        if (Boolean.TRUE.equals(rec.get("is_control_domain"))) {
            throw new SimFault("OPERATION_NOT_ALLOWED", "Operations on the control domain are not allowed");
        }
        String actual = (String) rec.get("power_state");
        List<String> allowed = ALLOWED.get(op);
        if (!allowed.contains(actual)) {
            String expected = allowed.stream().map(SimVmPower::lower).collect(Collectors.joining(", "));
            throw new SimFault("VM_BAD_POWER_STATE", vm, expected, lower(actual));
        }
    }

    private void boot(String vm, boolean paused, String host) {
        apply(vm, paused ? "Paused" : "Running", host, Instant.now());
    }

    /**
     * Moves a VM to {@code state} on {@code host} (OpaqueRef:NULL when not resident) and updates
     * everything that depends on it. {@code bootTime} non-null means a fresh domain was started.
     */
    void apply(String vm, String state, String host, Instant bootTime) {
        db.atomically(() -> {
            boolean resident = "Running".equals(state) || "Paused".equals(state);
            String target = resident ? host : NULL;
            String old = (String) db.get(VM, vm, "resident_on");
            db.set(VM, vm, "power_state", state);
            db.set(VM, vm, "resident_on", target);
            db.set(VM, vm, "allowed_operations", allowedOperations(state));
            if (!resident) {
                db.set(VM, vm, "domid", -1L);
            } else if (bootTime != null) {
                db.set(VM, vm, "domid", nextDomid++);
            }
            updateMetrics(vm, resident, bootTime);
            if (!old.equals(target)) {
                moveResidency(vm, old, target);
            }
            runtime.onPowerChange(vm, state, target);
            return null;
        });
    }

    private void updateMetrics(String vm, boolean resident, Instant bootTime) {
        String metrics = (String) db.get(VM, vm, "metrics");
        if (!db.exists("VM_metrics", metrics)) {
            return;
        }
        long memory = resident ? (Long) db.get(VM, vm, "memory_dynamic_max") : 0L;
        db.set("VM_metrics", metrics, "memory_actual", memory);
        db.set("VM_metrics", metrics, "current_domain_type", resident ? db.get(VM, vm, "domain_type") : "unspecified");
        if (!resident) {
            db.set("VM_metrics", metrics, "start_time", Instant.EPOCH);
        } else if (bootTime != null) {
            db.set("VM_metrics", metrics, "start_time", bootTime);
        }
    }

    private void moveResidency(String vm, String from, String to) {
        if (db.exists(HOST, from)) {
            List<Object> list = new ArrayList<>((List<?>) db.get(HOST, from, "resident_VMs"));
            list.remove(vm);
            db.set(HOST, from, "resident_VMs", list);
            updateFreeMemory(from);
        }
        if (db.exists(HOST, to)) {
            List<Object> list = new ArrayList<>((List<?>) db.get(HOST, to, "resident_VMs"));
            list.add(vm);
            db.set(HOST, to, "resident_VMs", list);
            updateFreeMemory(to);
        }
    }

    /** What the host's resident domains need (dynamic max plus overhead each). */
    long usedMemory(String host) {
        long used = 0;
        for (Object vm : (List<?>) db.get(HOST, host, "resident_VMs")) {
            used += memoryNeeded((String) vm);
        }
        return used;
    }

    void updateFreeMemory(String host) {
        String metrics = (String) db.get(HOST, host, "metrics");
        long used = usedMemory(host);
        long total = (Long) db.get("host_metrics", metrics, "memory_total");
        db.set("host_metrics", metrics, "memory_free", Math.max(0, total - used));
    }

    /** The enabled, live host with the fewest resident VMs (first one on ties). */
    String pickHost() {
        String best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (String h : db.refs(HOST)) {
            int load = ((List<?>) db.get(HOST, h, "resident_VMs")).size();
            if (isUsable(h) && load < bestLoad) {
                best = h;
                bestLoad = load;
            }
        }
        if (best == null) {
            throw new SimFault("NO_HOSTS_AVAILABLE");
        }
        return best;
    }

    /** The enabled, live host with enough free memory and the fewest resident VMs; NO_HOSTS_AVAILABLE if none. */
    String hostFor(String vm) {
        String best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (String h : db.refs(HOST)) {
            int load = ((List<?>) db.get(HOST, h, "resident_VMs")).size();
            if (isUsable(h) && freeMemory(h) >= memoryNeeded(vm) && load < bestLoad) {
                best = h;
                bestLoad = load;
            }
        }
        if (best == null) {
            throw new SimFault("NO_HOSTS_AVAILABLE");
        }
        return best;
    }

    /** VM.assert_can_boot_here: HOST_DISABLED, HOST_NOT_LIVE, HOST_NOT_ENOUGH_FREE_MEMORY [needed; available]. */
    void assertCanBootHere(String vm, String host) {
        db.requireExists(VM, vm); // not a copy of the 90-field record under the database's lock
        db.requireExists(HOST, host);
        if (!Boolean.TRUE.equals(db.get(HOST, host, "enabled"))) {
            throw new SimFault("HOST_DISABLED", host);
        }
        if (!isUsable(host)) {
            throw new SimFault("HOST_NOT_LIVE", host);
        }
        long needed = memoryNeeded(vm);
        long free = freeMemory(host);
        boolean alreadyThere = host.equals(db.get(VM, vm, "resident_on"));
        if (!alreadyThere && free < needed) {
            throw new SimFault("HOST_NOT_ENOUGH_FREE_MEMORY", Long.toString(needed), Long.toString(free));
        }
    }

    /** The hosts the VM could boot on now, in creation order. */
    List<String> possibleHosts(String vm) {
        List<String> out = new ArrayList<>();
        for (String h : db.refs(HOST)) {
            try {
                assertCanBootHere(vm, h);
                out.add(h);
            } catch (SimFault f) {
                // this host cannot take the VM; it is not a possible host
            }
        }
        return out;
    }

    long memoryNeeded(String vm) {
        return db.getLong(VM, vm, "memory_dynamic_max") + db.getLong(VM, vm, "memory_overhead");
    }

    long freeMemory(String host) {
        return db.getLong("host_metrics", (String) db.get(HOST, host, "metrics"), "memory_free");
    }

    /** Moves a running VM to {@code host} (VM.pool_migrate's effect). */
    void migrate(String vm, String host) {
        String from = (String) db.get(VM, vm, "resident_on");
        if (from.equals(host)) {
            return;
        }
        db.set(VM, vm, "resident_on", host);
        moveResidency(vm, from, host);
    }

    private boolean isUsable(String host) {
        String metrics = (String) db.get(HOST, host, "metrics");
        return Boolean.TRUE.equals(db.get(HOST, host, "enabled"))
                && Boolean.TRUE.equals(db.get("host_metrics", metrics, "live"));
    }

    static List<String> allowedOperations(String state) {
        List<String> ops = new ArrayList<>();
        ALLOWED.forEach((op, states) -> {
            if (states.contains(state)) {
                ops.add(op);
            }
        });
        OTHER_OPS.forEach((op, states) -> {
            if (states.contains(state)) {
                ops.add(op);
            }
        });
        return ops;
    }

    /** VM_BAD_POWER_STATE [vm; expected; actual] unless the VM's state allows {@code op} (an OTHER_OPS name). */
    void checkState(String vm, String op) {
        String actual = (String) db.get(VM, vm, "power_state");
        List<String> allowed = OTHER_OPS.get(op);
        if (!allowed.contains(actual)) {
            String expected = allowed.stream().map(SimVmPower::lower).collect(Collectors.joining(", "));
            throw new SimFault("VM_BAD_POWER_STATE", vm, expected, lower(actual));
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
