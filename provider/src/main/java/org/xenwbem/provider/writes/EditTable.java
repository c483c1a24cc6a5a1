package org.xenwbem.provider.writes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.FieldOps.Target;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.Ids;

/**
 * What a user may edit in place, one table per class family: the CIM property, the XenAPI field and
 * setter behind it, and where the instance names its object. Everything else is read-only here
 * (VM hardware and boot settings change through Xen_VirtualSystemManagementService, power states
 * through RequestStateChange). The README's table of writable properties follows this file.
 */
final class EditTable {
    /** VMs, templates and snapshots: names everywhere; other-config and tags on their settings (VSSD). */
    private static final WritableProperty<VmRecord> VM_NAME = WritableProperty.elementName(VmRecord::nameLabel);
    private static final WritableProperty<VmRecord> VM_DESCRIPTION = WritableProperty.description(VmRecord::nameDescription);
    private static final List<WritableProperty<VmRecord>> VM_SETTINGS = List.of(VM_NAME, VM_DESCRIPTION,
            WritableProperty.keyValues("Other_Config", "other_config", VmRecord::otherConfig),
            WritableProperty.set("Tags", "tags", VmRecord::tags));

    /** Disks (VDIs). */
    private static final List<WritableProperty<VdiRecord>> DISKS = List.of(
            WritableProperty.elementName(VdiRecord::nameLabel),
            WritableProperty.description(VdiRecord::nameDescription),
            WritableProperty.otherConfig(VdiRecord::otherConfig));

    /** Storage pools (SRs): the anchor put name_label in Name; its ElementName is the owning host's name. */
    private static final List<WritableProperty<SrRecord>> STORAGE_POOLS = List.of(
            WritableProperty.text("Name", "name_label", SrRecord::nameLabel),
            WritableProperty.description(SrRecord::nameDescription),
            WritableProperty.otherConfig(SrRecord::otherConfig));

    /** Virtual switches (networks): names on the switch, names and other-config on its settings. */
    private static final WritableProperty<NetworkRecord> SWITCH_NAME = WritableProperty.elementName(NetworkRecord::nameLabel);
    private static final WritableProperty<NetworkRecord> SWITCH_DESCRIPTION =
            WritableProperty.description(NetworkRecord::nameDescription);
    private static final WritableProperty<NetworkRecord> SWITCH_OTHER_CONFIG =
            WritableProperty.otherConfig(NetworkRecord::otherConfig);

    /** The pool. */
    private static final List<WritableProperty<PoolRecord>> POOL = List.of(
            WritableProperty.elementName(PoolRecord::nameLabel),
            WritableProperty.description(PoolRecord::nameDescription));

    /** Hosts: names, and the other-config the anchor exposed. */
    private static final List<WritableProperty<HostRecord>> HOSTS = List.of(
            WritableProperty.elementName(HostRecord::nameLabel),
            WritableProperty.description(HostRecord::nameDescription),
            WritableProperty.otherConfig(HostRecord::otherConfig));

    private EditTable() {
    }

    /** Every editable class. */
    static List<EditableClass<?>> all() {
        List<EditableClass<?>> out = new ArrayList<>();
        out.add(new EditableClass<>("Xen_ComputerSystem", Target.VM, PoolSnapshot::vm, key("Name"),
                List.of(VM_NAME, VM_DESCRIPTION)));
        for (String vssd : List.of("Xen_ComputerSystemSettingData", "Xen_ComputerSystemTemplate",
                "Xen_ComputerSystemSnapshot")) {
            out.add(new EditableClass<>(vssd, Target.VM, PoolSnapshot::vm, key("VirtualSystemIdentifier"), VM_SETTINGS));
        }
        out.add(new EditableClass<>("Xen_DiskImage", Target.VDI, PoolSnapshot::vdi, key("Name"), DISKS));
        out.add(new EditableClass<>("Xen_StoragePool", Target.SR, PoolSnapshot::sr, key("PoolID"), STORAGE_POOLS));
        out.add(new EditableClass<>("Xen_VirtualSwitch", Target.NETWORK, PoolSnapshot::network, key("Name"),
                List.of(SWITCH_NAME, SWITCH_DESCRIPTION)));
        out.add(new EditableClass<>("Xen_VirtualSwitchSettingData", Target.NETWORK, PoolSnapshot::network,
                key("VirtualSystemIdentifier"), List.of(SWITCH_NAME, SWITCH_DESCRIPTION, SWITCH_OTHER_CONFIG)));
        out.add(new EditableClass<>("Xen_HostPool", Target.POOL, (s, uuid) -> Optional.of(s.pool())
                .filter(p -> p.uuid().equals(uuid)), i -> Ids.owner(i.get("InstanceID")), POOL));
        out.add(new EditableClass<>("Xen_HostComputerSystem", Target.HOST, PoolSnapshot::host, key("Name"), HOSTS));
        return out;
    }

    /** The uuid is the value of one property of the instance. */
    private static Function<CimInstance, String> key(String property) {
        return i -> i.get(property) instanceof String s ? s : null;
    }
}
