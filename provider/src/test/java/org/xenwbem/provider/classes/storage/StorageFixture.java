package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.classes.pool.HostPoolMethods;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodFixture;

/** The storage methods on a simulated two-host pool, with helpers reading the simulator's own records. */
final class StorageFixture implements AutoCloseable {
    static final String NS = MethodFixture.NS;
    static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    final MethodFixture fx;
    final StoragePoolManagement service;
    final HostPoolMethods hostPool;

    StorageFixture() throws Exception {
        fx = new MethodFixture(2, 4, 42);
        service = new StoragePoolManagement(fx.env);
        hostPool = new HostPoolMethods(fx.env);
    }

    MethodResult call(RequestContext ctx, String method, Map<String, Object> in) throws CimException {
        return call(service, ctx, method, in);
    }

    MethodResult call(MethodProvider p, RequestContext ctx, String method, Map<String, Object> in) throws CimException {
        return fx.call(p, ctx, method, in);
    }

    static long rc(MethodResult r) {
        return ((Number) r.returnValue()).longValue();
    }

    /** An embedded RASD asking for an SR: type, ResourceType, device-config entries. */
    static String srSettings(String type, long resourceType, String... connection) {
        StringBuilder c = new StringBuilder();
        for (String e : connection) {
            c.append(c.length() == 0 ? "" : ", ").append('"').append(e).append('"');
        }
        return "instance of Xen_DiskSettingData { ResourceType = " + resourceType + "; ResourceSubType = \"" + type
                + "\"; Connection = {" + c + "}; Description = \"made by a test\"; };";
    }

    static Map<String, Object> createArgs(String name, String settings) {
        return Map.of("ElementName", name, "Settings", settings, "ResourceType", 19L);
    }

    /** Xen_StoragePool.InstanceID="Xen:<owner>/<sr>" as clients pass it. */
    static CimObjectPath poolRef(String owner, String sr) {
        return new CimObjectPath(NS, "Xen_StoragePool", Map.of("InstanceID", "Xen:" + owner + "/" + sr));
    }

    static CimObjectPath diskRef(String sr, String vdi) {
        return StorageIds.diskImage(sr, vdi);
    }

    List<String> srsNamed(String name) {
        return fx.sim.uuids("SR").stream().filter(u -> name.equals(fx.sim.record("SR", u).get("name_label"))).toList();
    }

    /** The PBDs of an SR: uuid → plugged. */
    List<String> pbdsOf(String sr) {
        return fx.sim.uuids("PBD").stream()
                .filter(p -> sr.equals(fx.sim.uuidOfRef("SR", String.valueOf(fx.sim.record("PBD", p).get("SR"))))).toList();
    }

    boolean plugged(String pbd) {
        return Boolean.TRUE.equals(fx.sim.record("PBD", pbd).get("currently_attached"));
    }

    String hostOf(String pbd) {
        return fx.sim.uuidOfRef("host", String.valueOf(fx.sim.record("PBD", pbd).get("host")));
    }

    String srOf(String vdi) {
        return fx.sim.uuidOfRef("SR", String.valueOf(fx.sim.record("VDI", vdi).get("SR")));
    }

    /** A guest VM in {@code state} with a disk (not a CD): [vm, vdi]. */
    String[] vmWithDisk(PowerState state) {
        for (String vm : fx.sim.vmUuids()) {
            Map<String, Object> r = fx.sim.vmRecord(vm);
            if (fx.sim.vmPowerState(vm) != state || Boolean.TRUE.equals(r.get("is_a_template"))
                    || Boolean.TRUE.equals(r.get("is_a_snapshot")) || Boolean.TRUE.equals(r.get("is_control_domain"))) {
                continue;
            }
            for (String vbd : fx.sim.uuids("VBD")) {
                Map<String, Object> b = fx.sim.record("VBD", vbd);
                if (vm.equals(fx.sim.uuidOfRef("VM", String.valueOf(b.get("VM")))) && "Disk".equals(b.get("type"))) {
                    return new String[] {vm, fx.sim.uuidOfRef("VDI", String.valueOf(b.get("VDI")))};
                }
            }
        }
        throw new AssertionError("no " + state + " VM with a disk");
    }

    /** The job's result uuid once it ended in Completed. */
    String completed(MethodResult r) throws InterruptedException {
        Map<?, ?> oc = fx.awaitJob(r);
        assertEquals("7", oc.get(org.xenwbem.provider.jobs.JobState.STATE), oc.toString());
        return String.valueOf(oc.get(org.xenwbem.provider.jobs.JobState.RESULT));
    }

    @Override
    public void close() {
        fx.close();
    }
}
