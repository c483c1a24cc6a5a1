package org.xenwbem.bridge.ops;

import java.util.HashMap;
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
        return c.uuidOf("VDI", String.valueOf(c.call("VDI.create", rec)));
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
        Map<String, Object> rec = new HashMap<>();
        rec.put("VM", c.ref("VM", vm));
        rec.put("VDI", vdi == null ? "OpaqueRef:NULL" : c.ref("VDI", vdi));
        rec.put("userdevice", userdevice);
        rec.put("bootable", bootable);
        rec.put("mode", mode);
        rec.put("type", type);
        rec.put("empty", vdi == null);
        rec.put("unpluggable", true);
        rec.put("other_config", Map.of());
        rec.put("qos_algorithm_type", "");
        rec.put("qos_algorithm_params", Map.of());
        return c.uuidOf("VBD", String.valueOf(c.call("VBD.create", rec)));
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
        Map<String, Object> rec = new HashMap<>();
        rec.put("device", device);
        rec.put("network", c.ref("network", network));
        rec.put("VM", c.ref("VM", vm));
        rec.put("MAC", mac == null ? "" : mac);
        rec.put("MTU", "1500");
        rec.put("other_config", Map.of());
        rec.put("qos_algorithm_type", "");
        rec.put("qos_algorithm_params", Map.of());
        return c.uuidOf("VIF", String.valueOf(c.call("VIF.create", rec)));
    }

    @Override
    public void destroyVif(String vif) throws XenFailure {
        c.call("VIF.destroy", c.ref("VIF", vif));
    }

    @Override
    public void plugVif(String vif) throws XenFailure {
        c.call("VIF.plug", c.ref("VIF", vif));
    }
}
