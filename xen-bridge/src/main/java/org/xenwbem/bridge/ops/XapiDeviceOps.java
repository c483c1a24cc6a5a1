package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link DeviceOps} over a user's session. */
final class XapiDeviceOps implements DeviceOps {
    private final Calls c;

    XapiDeviceOps(Calls c) {
        this.c = c;
    }

    @Override
    public String createVdi(String sr, String name, long virtualSize, String type, boolean sharable, boolean readOnly)
            throws XenFailure {
        Map<String, Object> rec = new HashMap<>();
        rec.put("name_label", name);
        rec.put("name_description", "");
        rec.put("SR", c.ref("SR", sr));
        rec.put("virtual_size", Long.toString(virtualSize));
        rec.put("type", type);
        rec.put("sharable", sharable);
        rec.put("read_only", readOnly);
        rec.put("other_config", Map.of());
        rec.put("xenstore_data", Map.of());
        rec.put("sm_config", Map.of());
        rec.put("tags", java.util.List.of());
        return c.create("VDI", rec);
    }

    @Override
    public void destroyVdi(String vdi) throws XenFailure {
        c.call("VDI.destroy", c.ref("VDI", vdi));
    }

    @Override
    public void resizeVdi(String vdi, long size) throws XenFailure {
        c.call("VDI.resize", c.ref("VDI", vdi), Long.toString(size));
    }

    @Override
    public String createVbd(String vm, String vdi, String userdevice, boolean bootable, String mode, String type)
            throws XenFailure {
        Map<String, Object> rec = device();
        rec.put("VM", c.ref("VM", vm));
        rec.put("VDI", vdi == null ? "OpaqueRef:NULL" : c.ref("VDI", vdi));
        rec.put("userdevice", userdevice);
        rec.put("bootable", bootable);
        rec.put("mode", mode);
        rec.put("type", type);
        rec.put("empty", vdi == null);
        rec.put("unpluggable", true);
        return c.create("VBD", rec);
    }

    @Override
    public void destroyVbd(String vbd) throws XenFailure {
        c.call("VBD.destroy", c.ref("VBD", vbd));
    }

    @Override
    public void plugVbd(String vbd) throws XenFailure {
        c.call("VBD.plug", c.ref("VBD", vbd));
    }

    @Override
    public void unplugVbd(String vbd) throws XenFailure {
        c.call("VBD.unplug", c.ref("VBD", vbd));
    }

    @Override
    public String createVif(String vm, String network, String device, String mac) throws XenFailure {
        Map<String, Object> rec = device();
        rec.put("device", device);
        rec.put("network", c.ref("network", network));
        rec.put("VM", c.ref("VM", vm));
        rec.put("MAC", mac == null ? "" : mac);
        rec.put("MTU", "1500");
        return c.create("VIF", rec);
    }

    @Override
    public void destroyVif(String vif) throws XenFailure {
        c.call("VIF.destroy", c.ref("VIF", vif));
    }

    @Override
    public void plugVif(String vif) throws XenFailure {
        c.call("VIF.plug", c.ref("VIF", vif));
    }

    @Override
    public List<Drive> drivesOf(String vm) throws XenFailure {
        List<Drive> out = new ArrayList<>();
        for (Object vbdRef : list(c.call("VM.get_VBDs", c.ref("VM", vm)))) {
            String ref = String.valueOf(vbdRef);
            String vdiRef = String.valueOf(c.call("VBD.get_VDI", ref));
            boolean empty = Boolean.parseBoolean(String.valueOf(c.call("VBD.get_empty", ref)));
            String vdi = null;
            boolean sharable = false;
            int users = 0;
            if (!empty && vdiRef.startsWith("OpaqueRef:") && !vdiRef.equals("OpaqueRef:NULL")) {
                vdi = c.uuidOf("VDI", vdiRef);
                sharable = Boolean.parseBoolean(String.valueOf(c.call("VDI.get_sharable", vdiRef)));
                users = list(c.call("VDI.get_VBDs", vdiRef)).size();
            }
            out.add(new Drive(c.uuidOf("VBD", ref), String.valueOf(c.call("VBD.get_type", ref)),
                    String.valueOf(c.call("VBD.get_userdevice", ref)), vdi, sharable, users));
        }
        return out;
    }

    @Override
    public List<String> vifDevicesOf(String vm) throws XenFailure {
        List<String> out = new ArrayList<>();
        for (Object vifRef : list(c.call("VM.get_VIFs", c.ref("VM", vm)))) {
            out.add(String.valueOf(c.call("VIF.get_device", String.valueOf(vifRef))));
        }
        return out;
    }

    /** The fields VBD.create and VIF.create both take and xenwbem leaves empty: other_config, no QoS. */
    private static Map<String, Object> device() {
        Map<String, Object> rec = new HashMap<>();
        rec.put("other_config", Map.of());
        rec.put("qos_algorithm_type", "");
        rec.put("qos_algorithm_params", Map.of());
        return rec;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }
}
