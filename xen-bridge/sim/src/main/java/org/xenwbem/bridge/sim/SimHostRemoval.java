package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code pool.eject} leaves of a host in the master's database: nothing. Its PBDs (and the
 * non-shared SRs only it could see, with their VDIs), its PIFs with the VLANs and bonds built on them,
 * its CPUs, metrics and control domain go; halted VMs with it as affinity lose the affinity. The caller
 * has made every check already and holds the database lock.
 */
final class SimHostRemoval {
    private static final String HOST = "host";
    private static final String PIF = "PIF";

    private final SimDatabase db;

    SimHostRemoval(SimDatabase db) {
        this.db = db;
    }

    void remove(String host) {
        removeStorage(host);
        removeInterfaces(host);
        for (Object cpu : (List<?>) db.get(HOST, host, "host_CPUs")) {
            deleteIfThere("host_cpu", (String) cpu);
        }
        deleteIfThere("host_metrics", (String) db.get(HOST, host, "metrics"));
        String dom0 = (String) db.get(HOST, host, "control_domain");
        if (db.exists("VM", dom0)) {
            deleteIfThere("VM_metrics", (String) db.get("VM", dom0, "metrics"));
            db.delete("VM", dom0);
        }
        for (String vm : db.refs("VM")) {
            if (host.equals(db.get("VM", vm, "affinity"))) {
                db.set("VM", vm, "affinity", SimRecords.NULL);
            }
        }
        db.delete(HOST, host);
    }

    private void removeStorage(String host) {
        for (Object o : new ArrayList<>((List<?>) db.get(HOST, host, "PBDs"))) {
            String pbd = (String) o;
            String sr = (String) db.get("PBD", pbd, "SR");
            db.removeFromSet("SR", sr, "PBDs", pbd);
            db.delete("PBD", pbd);
            boolean orphan = ((List<?>) db.get("SR", sr, "PBDs")).isEmpty();
            if (orphan && !Boolean.TRUE.equals(db.get("SR", sr, "shared"))) {
                for (Object vdi : (List<?>) db.get("SR", sr, "VDIs")) {
                    deleteIfThere("VDI", (String) vdi);
                }
                db.delete("SR", sr);
            }
        }
    }

    private void removeInterfaces(String host) {
        List<?> pifs = new ArrayList<>((List<?>) db.get(HOST, host, "PIFs"));
        for (String vlan : db.refs("VLAN")) {
            if (pifs.contains(db.get("VLAN", vlan, "tagged_PIF")) || pifs.contains(db.get("VLAN", vlan, "untagged_PIF"))) {
                db.delete("VLAN", vlan);
            }
        }
        for (String bond : db.refs("Bond")) {
            if (pifs.contains(db.get("Bond", bond, "master"))) {
                db.delete("Bond", bond);
            }
        }
        for (Object o : pifs) {
            String pif = (String) o;
            String network = (String) db.get(PIF, pif, "network");
            if (db.exists("network", network)) {
                db.removeFromSet("network", network, "PIFs", pif);
            }
            db.delete(PIF, pif);
        }
    }

    private void deleteIfThere(String cls, String ref) {
        if (ref != null && db.exists(cls, ref)) {
            db.delete(cls, ref);
        }
    }
}
