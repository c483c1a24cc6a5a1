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

    private final SimDatabase db;
    private long nextDomid = 1;

    SimVmPower(SimDatabase db) {
        this.db = db;
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
                case "start" -> boot(vm, SimArgs.bool(args, 1), pickHost());
                case "start_on" -> boot(vm, SimArgs.bool(args, 2), usableHost(String.valueOf(args.get(1))));
                case "resume" -> boot(vm, SimArgs.bool(args, 1), pickHost());
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

    private void updateFreeMemory(String host) {
        String metrics = (String) db.get(HOST, host, "metrics");
        long used = 0;
        for (Object vm : (List<?>) db.get(HOST, host, "resident_VMs")) {
            used += (Long) db.get(VM, (String) vm, "memory_dynamic_max");
        }
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

    private String usableHost(String host) {
        db.record(HOST, host);
        if (!Boolean.TRUE.equals(db.get(HOST, host, "enabled"))) {
            throw new SimFault("HOST_DISABLED", host);
        }
        if (!isUsable(host)) {
            throw new SimFault("HOST_OFFLINE", host);
        }
        return host;
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
        ops.add("snapshot");
        if ("Halted".equals(state)) {
            ops.addAll(List.of("clone", "copy", "destroy", "export"));
        }
        return ops;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
