package org.xenwbem.provider.classes.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.methods.EmbeddedArgs;

/**
 * The storage methods' reference arguments, resolved against the mirror: a {@code Xen_StoragePool}
 * (InstanceID {@code Xen:<host or Shared>/<sr>}, or PoolID = the SR uuid) and a {@code Xen_DiskImage}
 * (DeviceID {@code Xen:<sr>/<vdi>}); and the running VMs that hold an SR or a disk.
 */
final class StorageRefs {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");

    private StorageRefs() {
    }

    /** The last uuid in a text ({@code Xen:<host>/<sr>} → sr), else the text itself. */
    static String lastUuid(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = UUID.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group().toLowerCase(java.util.Locale.ROOT);
        }
        return last != null ? last : text;
    }

    static SrRecord sr(PoolSnapshot s, CimObjectPath ref, String param) throws CimException {
        if (ref == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " (a Xen_StoragePool reference) is required");
        }
        Object id = ref.key("InstanceID") != null ? ref.key("InstanceID") : ref.key("PoolID");
        String uuid = lastUuid(EmbeddedArgs.str(id));
        if (uuid == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " must name a Xen_StoragePool by InstanceID");
        }
        return s.sr(uuid).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no storage pool " + id));
    }

    static VdiRecord vdi(PoolSnapshot s, CimObjectPath ref, String param) throws CimException {
        if (ref == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " (a Xen_DiskImage reference) is required");
        }
        Object id = ref.key("DeviceID") != null ? ref.key("DeviceID") : ref.key("InstanceID");
        String uuid = lastUuid(EmbeddedArgs.str(id));
        if (uuid == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, param + " must name a Xen_DiskImage by DeviceID");
        }
        return s.vdi(uuid).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, param + ": no disk image " + id));
    }

    /** The first VM that is not halted (running, paused or suspended) with a drive on the disk, else null. */
    static VmRecord runningUserOf(PoolSnapshot s, VdiRecord vdi) {
        for (String vbd : vdi.vbdUuids()) {
            VmRecord vm = s.vbd(vbd).flatMap(b -> s.vm(b.vmUuid())).orElse(null);
            if (vm != null && vm.powerState() != PowerState.Halted) {
                return vm;
            }
        }
        return null;
    }

    /** A running VM with a disk of the SR plugged in, else null; with the disk's name for the reason. */
    static String runningUse(PoolSnapshot s, SrRecord sr) {
        for (VdiRecord v : s.vdisOf(sr.uuid())) {
            VmRecord vm = runningUserOf(s, v);
            if (vm != null) {
                return "VM " + vm.nameLabel() + " (" + vm.uuid() + ") is " + vm.powerState() + " with disk " + v.nameLabel()
                        + " (" + v.uuid() + ") of this SR";
            }
        }
        return null;
    }
}
