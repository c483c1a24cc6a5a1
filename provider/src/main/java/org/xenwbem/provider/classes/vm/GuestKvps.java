package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.classes.common.Ids;

/**
 * Guest key/value pairs ({@code Xen_KVP}, {@code Xen_KVPSettingData}), read from the pool mirror.
 *
 * <p>The anchor kept them in a dom0 daemon (kvpd, reached through xapi's {@code xscim} plugin) that
 * relayed them to a Windows guest service; neither exists on XenServer today. The closest source
 * XenServer has is the VM's {@code xenstore_data} map: writable through XenAPI
 * ({@code VM.add_to_xenstore_data} / {@code remove_from_xenstore_data}), kept in xapi's database (so
 * it survives reboots and is copied by clone and snapshot, as the anchor's pairs survived reboots),
 * and written by xapi into the guest's xenstore where guest agents read it. Pairs live under the
 * {@code vm-data/} subtree, the part of xenstore_data meant for guest data: the pair {@code K = V} is
 * the entry {@code vm-data/K = V}, and other xenstore_data entries are not pairs. The mirror already
 * holds the map, so no read costs a XenAPI call.
 */
public final class GuestKvps {
    /** The xenstore_data subtree the pairs live in. */
    static final String PREFIX = "vm-data/";

    /** A pair of a VM. */
    public record Kvp(VmRecord vm, String key, String value) {
    }

    private GuestKvps() {
    }

    /** The pairs of one VM, by key. */
    static List<Kvp> of(VmRecord vm) {
        List<Kvp> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(vm.xenstoreData()).entrySet()) {
            if (e.getKey().startsWith(PREFIX) && e.getKey().length() > PREFIX.length()) {
                out.add(new Kvp(vm, e.getKey().substring(PREFIX.length()), e.getValue()));
            }
        }
        return out;
    }

    /** The pairs of every VM that passes {@code which}, VMs in mirror order. */
    public static List<Kvp> all(PoolSnapshot s, Predicate<VmRecord> which) {
        List<Kvp> out = new ArrayList<>();
        for (VmRecord vm : VmSources.vms(s, which)) {
            out.addAll(of(vm));
        }
        return out;
    }

    /** The pair {@code Xen:<vm uuid>/<key>} names, if its VM passes {@code which}. */
    static Optional<Kvp> byId(PoolSnapshot s, String id, Predicate<VmRecord> which) {
        String key = Ids.devicePart(id);
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        return VmSources.vm(s, id, which).flatMap(vm -> {
            String v = vm.xenstoreData().get(PREFIX + key);
            return v == null ? Optional.empty() : Optional.of(new Kvp(vm, key, v));
        });
    }

    /** {@code Xen:<vm uuid>/<key>}, the anchor's DeviceID and InstanceID of a pair. */
    public static String id(Kvp k) {
        return Ids.device(k.vm().uuid(), k.key());
    }
}
