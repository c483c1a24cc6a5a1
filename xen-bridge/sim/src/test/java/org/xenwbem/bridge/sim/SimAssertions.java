package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks the simulator's referential integrity: every ref resolves, and every back-reference set agrees. */
public final class SimAssertions {
    private static final String NULL = "OpaqueRef:NULL";

    private SimAssertions() {
    }

    /** Fails with every dangling or one-sided reference found. */
    public static void assertConsistent(SimState s) {
        List<String> problems = new ArrayList<>();
        for (String vbd : s.uuids("VBD")) {
            Map<String, Object> r = s.record("VBD", vbd);
            child(s, problems, "VBD", vbd, "VM", r.get("VM"), "VBDs");
            if (NULL.equals(r.get("VDI"))) {
                check(problems, Boolean.TRUE.equals(r.get("empty")), "VBD " + vbd + " without VDI is not empty");
            } else {
                child(s, problems, "VBD", vbd, "VDI", r.get("VDI"), "VBDs");
            }
        }
        for (String vdi : s.uuids("VDI")) {
            child(s, problems, "VDI", vdi, "SR", s.record("VDI", vdi).get("SR"), "VDIs");
        }
        for (String vif : s.uuids("VIF")) {
            Map<String, Object> r = s.record("VIF", vif);
            child(s, problems, "VIF", vif, "VM", r.get("VM"), "VIFs");
            child(s, problems, "VIF", vif, "network", r.get("network"), "VIFs");
        }
        for (String pbd : s.uuids("PBD")) {
            Map<String, Object> r = s.record("PBD", pbd);
            child(s, problems, "PBD", pbd, "SR", r.get("SR"), "PBDs");
            child(s, problems, "PBD", pbd, "host", r.get("host"), "PBDs");
        }
        for (String pif : s.uuids("PIF")) {
            Map<String, Object> r = s.record("PIF", pif);
            child(s, problems, "PIF", pif, "host", r.get("host"), "PIFs");
            child(s, problems, "PIF", pif, "network", r.get("network"), "PIFs");
        }
        for (String c : s.uuids("console")) {
            child(s, problems, "console", c, "VM", s.record("console", c).get("VM"), "consoles");
        }
        checkVms(s, problems);
        assertEquals(List.of(), problems);
    }

    private static void checkVms(SimState s, List<String> problems) {
        for (String vm : s.vmUuids()) {
            Map<String, Object> r = s.record("VM", vm);
            for (String f : List.of("metrics:VM_metrics", "guest_metrics:VM_guest_metrics", "snapshot_of:VM",
                    "parent:VM", "resident_on:host", "suspend_VDI:VDI")) {
                String[] fc = f.split(":");
                Object ref = r.get(fc[0]);
                check(problems, NULL.equals(ref) || !s.uuidOfRef(fc[1], (String) ref).isEmpty(),
                        "VM " + vm + " has a dangling " + fc[0]);
            }
        }
    }

    private static void child(SimState s, List<String> problems, String cls, String uuid, String parentCls,
                              Object parentRef, String backField) {
        String parent = s.uuidOfRef(parentCls, (String) parentRef);
        if (parent.isEmpty()) {
            problems.add(cls + " " + uuid + " names a missing " + parentCls);
            return;
        }
        String self = findRef(s, cls, uuid, s.record(parentCls, parent).get(backField));
        check(problems, self != null, parentCls + " " + parent + "." + backField + " lacks " + cls + " " + uuid);
    }

    private static String findRef(SimState s, String cls, String uuid, Object refs) {
        for (Object r : (List<?>) refs) {
            if (uuid.equals(s.uuidOfRef(cls, (String) r))) {
                return (String) r;
            }
        }
        return null;
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    /** Asserts that {@code s} starts with 127. (the simulator never uses a routable address). */
    public static void assertLoopback(String address) {
        assertTrue(address.isEmpty() || address.startsWith("127."), address);
    }
}
