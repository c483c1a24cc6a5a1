package org.xenwbem.provider.classes.vm;

import java.util.Map;
import java.util.TreeMap;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.storage.StorageIds;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Object paths of the VM side of the catalog, with keys in each class's key order and namespace
 * root/cimv2, and the anchor's WBEM URI strings ({@code root/cimv2:Class.Key="v",...}, keys sorted by
 * name as OpenPegasus prints them) used in string properties such as Parent or HostResource.
 */
public final class VmRefs {
    public static final String SYSTEM_CLASS = ComputerSystemProvider.CLASS;

    private VmRefs() {
    }

    /** {@code Xen_ComputerSystem.CreationClassName="Xen_ComputerSystem",Name=<vm uuid>}. */
    public static CimObjectPath system(String vmUuid) {
        return Paths.vm(vmUuid);
    }

    /** The VSSD of a VM, template or snapshot: {@code <kind class>.InstanceID="Xen:<uuid>"}. */
    public static CimObjectPath settings(VmRecord vm) {
        return instance(VmKind.of(vm).cimClass(), Ids.system(vm.uuid()));
    }

    /** A class keyed by InstanceID alone (VSSDs and RASDs). */
    public static CimObjectPath instance(String cimClass, String instanceId) {
        return Paths.byInstanceId(cimClass, instanceId);
    }

    /** A VM device: keys SystemCreationClassName, SystemName, CreationClassName, DeviceID. */
    public static CimObjectPath device(String cimClass, String vmUuid, String deviceId) {
        return Paths.device(cimClass, SYSTEM_CLASS, vmUuid, deviceId);
    }

    /** The anchor's {@code Xen_DiskImage} path of a VDI ({@code disk_image_create_ref}). */
    public static CimObjectPath diskImage(String srUuid, String vdiUuid) {
        return StorageIds.diskImage(srUuid, vdiUuid);
    }

    /** WBEM URI as the anchor wrote it: namespace, class, keys sorted case-insensitively. */
    public static String wbemUri(CimObjectPath p) {
        Map<String, Object> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(p.keys());
        return new CimObjectPath(ProviderContext.NAMESPACE, p.className(), sorted).toString();
    }

    /** A key value as text, names compared case-insensitively; null when absent. */
    public static String key(Map<String, Object> keys, String name) {
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue() == null ? null : String.valueOf(e.getValue());
            }
        }
        return null;
    }
}
