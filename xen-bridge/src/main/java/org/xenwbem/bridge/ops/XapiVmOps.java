package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link VmOps} over a user's session. */
final class XapiVmOps implements VmOps {
    private final Calls c;

    XapiVmOps(Calls c) {
        this.c = c;
    }

    /** An {@code Async.VM.<method>} on {@code vm} with no result. */
    private Operation vm(String method, String vm, Object... more) throws XenFailure {
        return c.async(null, "VM." + method, onVm(vm, more));
    }

    /** An {@code Async.VM.<method>} whose result is a new VM. */
    private Operation vmResult(String method, String vm, Object... more) throws XenFailure {
        return c.async("VM", "VM." + method, onVm(vm, more));
    }

    /** A synchronous {@code VM.<method>} on {@code vm}. */
    private Object callVm(String method, String vm, Object... more) throws XenFailure {
        return c.call("VM." + method, onVm(vm, more));
    }

    /** The parameters of a call on one VM: its ref (looked up first), then {@code more}. */
    private Object[] onVm(String vm, Object... more) throws XenFailure {
        Object[] params = new Object[more.length + 1];
        params[0] = c.ref("VM", vm);
        System.arraycopy(more, 0, params, 1, more.length);
        return params;
    }

    @Override
    public Operation power(Power call, String vm) throws XenFailure {
        return switch (call) {
            case START, RESUME -> vm(call.xapiName(), vm, false, false); // start_paused, force
            default -> vm(call.xapiName(), vm);
        };
    }

    @Override
    public Operation startOn(String vm, String host) throws XenFailure {
        return vm("start_on", vm, c.ref("host", host), false, false);
    }

    @Override
    public Operation cloneVm(String vm, String name) throws XenFailure {
        return vmResult("clone", vm, name);
    }

    @Override
    public Operation copy(String vm, String name, String sr) throws XenFailure {
        return vmResult("copy", vm, name, c.ref("SR", sr));
    }

    @Override
    public Operation provision(String vm) throws XenFailure {
        return vm("provision", vm);
    }

    @Override
    public Operation snapshot(String vm, String name) throws XenFailure {
        return vmResult("snapshot", vm, name);
    }

    @Override
    public Operation checkpoint(String vm, String name) throws XenFailure {
        return vmResult("checkpoint", vm, name);
    }

    @Override
    public Operation snapshot(String vm, String name, List<String> ignoreVdis) throws XenFailure {
        List<String> refs = new ArrayList<>();
        for (String vdi : ignoreVdis) {
            refs.add(c.ref("VDI", vdi));
        }
        return vmResult("snapshot", vm, name, refs);
    }

    @Override
    public Operation revert(String snapshot) throws XenFailure {
        return vm("revert", snapshot);
    }

    @Override
    public Operation poolMigrate(String vm, String host, boolean live) throws XenFailure {
        return vm("pool_migrate", vm, c.ref("host", host), Map.of("live", Boolean.toString(live)));
    }

    @Override
    public String create(Map<String, Object> record) throws XenFailure {
        return c.create("VM", record);
    }

    @Override
    public String createFrom(String vm, String name) throws XenFailure {
        if (!(callVm("get_record", vm) instanceof Map<?, ?> source)) {
            throw new XenFailure(XenFailure.Kind.FAILED, "INTERNAL_ERROR", List.of("VM.get_record"),
                    "VM.get_record of " + vm + " returned no record", null);
        }
        Map<String, Object> rec = new java.util.HashMap<>();
        source.forEach((k, v) -> rec.put(String.valueOf(k), v));
        Map<Object, Object> other = new java.util.HashMap<>(source.get("other_config") instanceof Map<?, ?> m ? m : Map.of());
        other.remove("default_template");
        other.remove("mac_seed");
        rec.put("other_config", other);
        rec.put("name_label", name);
        rec.put("is_a_template", false);
        rec.put("power_state", "Halted");
        rec.put("suspend_VDI", "OpaqueRef:NULL");
        return c.create("VM", rec);
    }

    @Override
    public void destroy(String vm) throws XenFailure {
        callVm("destroy", vm);
    }

    @Override
    public void set(String vm, String field, Object value) throws XenFailure {
        callVm("set_" + field, vm, value);
    }

    @Override
    public void setMemoryLimits(String vm, long staticMin, long staticMax, long dynamicMin, long dynamicMax)
            throws XenFailure {
        callVm("set_memory_limits", vm, staticMin, staticMax, dynamicMin, dynamicMax);
    }

    @Override
    public void setVcpus(String vm, long max, long atStartup) throws XenFailure {
        String ref = c.ref("VM", vm);
        long current = Long.parseLong(String.valueOf(c.call("VM.get_VCPUs_at_startup", ref)));
        if (max >= current) { // growing: raise the ceiling first; shrinking: lower the start count first
            c.call("VM.set_VCPUs_max", ref, max);
            c.call("VM.set_VCPUs_at_startup", ref, atStartup);
        } else {
            c.call("VM.set_VCPUs_at_startup", ref, atStartup);
            c.call("VM.set_VCPUs_max", ref, max);
        }
    }

    @Override
    public void addToXenstoreData(String vm, String key, String value) throws XenFailure {
        callVm("add_to_xenstore_data", vm, key, value);
    }

    @Override
    public void removeFromXenstoreData(String vm, String key) throws XenFailure {
        callVm("remove_from_xenstore_data", vm, key);
    }

    @Override
    public void assertCanBootHere(String vm, String host) throws XenFailure {
        c.call("VM.assert_can_boot_here", c.ref("VM", vm), c.ref("host", host)); // VM looked up before host
    }

    @Override
    public List<String> possibleHosts(String vm) throws XenFailure {
        List<String> out = new ArrayList<>();
        if (callVm("get_possible_hosts", vm) instanceof List<?> refs) {
            for (Object r : refs) {
                out.add(c.uuidOf("host", String.valueOf(r)));
            }
        }
        return out;
    }

    @Override
    public Operation migrateSend(String vm, String host, Map<String, String> vdiMap, Map<String, String> vifMap)
            throws XenFailure {
        return c.async(null, "VM.migrate_send", migration(vm, host, vdiMap, vifMap));
    }

    @Override
    public void assertCanMigrate(String vm, String host, Map<String, String> vdiMap, Map<String, String> vifMap)
            throws XenFailure {
        c.call("VM.assert_can_migrate", migration(vm, host, vdiMap, vifMap));
    }

    /**
     * The parameters {@code VM.migrate_send} and {@code VM.assert_can_migrate} share: vm, dest, live (always),
     * vdi_map, vif_map, no options; looked up in that order.
     */
    private Object[] migration(String vm, String host, Map<String, String> vdiMap, Map<String, String> vifMap)
            throws XenFailure {
        return new Object[] {c.ref("VM", vm), receive(host), true, refs("VDI", "SR", vdiMap),
                refs("VIF", "network", vifMap), Map.of()};
    }

    /** {@code host.migrate_receive} over the destination's management network: the {@code dest} map. */
    private Object receive(String host) throws XenFailure {
        String hostRef = c.ref("host", host);
        String network = null;
        if (c.call("host.get_PIFs", hostRef) instanceof List<?> pifs) {
            for (Object pif : pifs) {
                if (Boolean.TRUE.equals(c.call("PIF.get_management", pif))) {
                    network = String.valueOf(c.call("PIF.get_network", pif));
                    break;
                }
            }
        }
        if (network == null) {
            throw new XenFailure(XenFailure.Kind.FAILED, "HOST_HAS_NO_MANAGEMENT_IP", List.of(host),
                    "host " + host + " has no management interface", null);
        }
        return c.call("host.migrate_receive", hostRef, network, Map.of());
    }

    private Map<String, String> refs(String keyClass, String valueClass, Map<String, String> byUuid) throws XenFailure {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : byUuid.entrySet()) {
            out.put(c.ref(keyClass, e.getKey()), c.ref(valueClass, e.getValue()));
        }
        return out;
    }
}
