package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link StorageOps} over a user's session. */
final class XapiStorageOps implements StorageOps {
    private final Calls c;

    XapiStorageOps(Calls c) {
        this.c = c;
    }

    @Override
    public Operation createSr(SrSpec s) throws XenFailure {
        return c.async("SR", "Async.SR.create", c.ref("host", s.host()), s.deviceConfig(),
                Long.toString(s.physicalSize()), s.name(), s.description(), s.type(), s.contentType(), s.shared(),
                s.smConfig());
    }

    @Override
    public String probeSr(String host, Map<String, String> deviceConfig, String type, Map<String, String> smConfig)
            throws XenFailure {
        return String.valueOf(c.call("SR.probe", c.ref("host", host), deviceConfig, type, smConfig));
    }

    @Override
    public void introduceSr(String uuid, String name, String description, String type, String contentType,
            boolean shared, Map<String, String> smConfig) throws XenFailure {
        c.call("SR.introduce", uuid, name, description, type, contentType, shared, smConfig);
    }

    @Override
    public void destroySr(String sr) throws XenFailure {
        c.call("SR.destroy", c.ref("SR", sr));
    }

    @Override
    public void forgetSr(String sr) throws XenFailure {
        c.call("SR.forget", c.ref("SR", sr));
    }

    @Override
    public void scanSr(String sr) throws XenFailure {
        c.call("SR.scan", c.ref("SR", sr));
    }

    @Override
    public void setDefaultSr(String sr) throws XenFailure {
        Object pool = firstPool();
        String ref = c.ref("SR", sr);
        c.call("pool.set_default_SR", pool, ref);
        c.call("pool.set_suspend_image_SR", pool, ref);
        c.call("pool.set_crash_dump_SR", pool, ref);
    }

    private Object firstPool() throws XenFailure {
        Object pools = c.call("pool.get_all");
        if (pools instanceof Object[] a && a.length > 0) {
            return a[0];
        }
        if (pools instanceof List<?> l && !l.isEmpty()) {
            return l.get(0);
        }
        throw new XenFailure(XenFailure.Kind.NOT_FOUND, "HANDLE_INVALID", List.of("pool", ""), "xapi has no pool", null);
    }

    @Override
    public List<Pbd> pbdsOf(String sr) throws XenFailure {
        List<Pbd> out = new ArrayList<>();
        for (Object pbd : list(c.call("SR.get_PBDs", c.ref("SR", sr)))) {
            Map<?, ?> rec = (Map<?, ?>) c.call("PBD.get_record", pbd);
            out.add(new Pbd(String.valueOf(rec.get("uuid")), c.uuidOf("host", String.valueOf(rec.get("host"))),
                    Boolean.TRUE.equals(rec.get("currently_attached")) || "true".equals(rec.get("currently_attached")),
                    strings(rec.get("device_config"))));
        }
        return out;
    }

    @Override
    public String createPbd(String host, String sr, Map<String, String> deviceConfig) throws XenFailure {
        Map<String, Object> rec = new HashMap<>();
        rec.put("host", c.ref("host", host));
        rec.put("SR", c.ref("SR", sr));
        rec.put("device_config", deviceConfig);
        rec.put("other_config", Map.of());
        return c.create("PBD", rec);
    }

    @Override
    public void plugPbd(String pbd) throws XenFailure {
        c.call("PBD.plug", c.ref("PBD", pbd));
    }

    @Override
    public void unplugPbd(String pbd) throws XenFailure {
        c.call("PBD.unplug", c.ref("PBD", pbd));
    }

    @Override
    public void destroyPbd(String pbd) throws XenFailure {
        c.call("PBD.destroy", c.ref("PBD", pbd));
    }

    @Override
    public void resizeVdiOnline(String vdi, long size) throws XenFailure {
        c.call("VDI.resize_online", c.ref("VDI", vdi), Long.toString(size));
    }

    @Override
    public Operation cloneVdi(String vdi) throws XenFailure {
        return c.async("VDI", "Async.VDI.clone", c.ref("VDI", vdi), Map.of());
    }

    @Override
    public Operation snapshotVdi(String vdi) throws XenFailure {
        return c.async("VDI", "Async.VDI.snapshot", c.ref("VDI", vdi), Map.of());
    }

    @Override
    public Operation copyVdi(String vdi, String sr) throws XenFailure {
        return c.async("VDI", "Async.VDI.copy", c.ref("VDI", vdi), c.ref("SR", sr));
    }

    @Override
    public List<String> vdisOf(String sr) throws XenFailure {
        List<String> out = new ArrayList<>();
        for (Object vdi : list(c.call("SR.get_VDIs", c.ref("SR", sr)))) {
            out.add(c.uuidOf("VDI", String.valueOf(vdi)));
        }
        return out;
    }

    @Override
    public boolean vdiExists(String vdi) throws XenFailure {
        try {
            c.lookUp("VDI", vdi); // asked of xapi, never the memo: the disk may be gone since
            return true;
        } catch (XenFailure e) {
            if ("UUID_INVALID".equals(e.code())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, String> vdiOtherConfig(String vdi) throws XenFailure {
        Map<String, String> out = new java.util.TreeMap<>();
        if (c.call("VDI.get_other_config", c.ref("VDI", vdi)) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    private static List<?> list(Object v) {
        if (v instanceof Object[] a) {
            return List.of(a);
        }
        return v instanceof List<?> l ? l : List.of();
    }

    private static Map<String, String> strings(Object v) {
        Map<String, String> out = new HashMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, val) -> out.put(String.valueOf(k), String.valueOf(val)));
        }
        return out;
    }
}
