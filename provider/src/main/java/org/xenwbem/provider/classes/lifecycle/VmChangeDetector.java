package org.xenwbem.provider.classes.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.cimom.indications.IndicationSchema;

/**
 * Turns consecutive pool snapshots into {@code Xen_ComputerSystem} lifecycle indications, by VM uuid
 * and only for VMs that are systems (not templates, not snapshots): a VM that appears is a Creation,
 * one that disappears a Deletion (with its last known instance), and one whose power state,
 * name_label, memory (static or dynamic maximum) or VCPUs (max or at startup) changed a Modification.
 * Not thread-safe: one caller (the indication thread) feeds it.
 */
public final class VmChangeDetector {
    /** The facts whose change is a Modification. */
    private record Facts(Object powerState, String name, long staticMax, long dynamicMax, long vcpusMax, long vcpus) {
        static Facts of(VmRecord vm) {
            return new Facts(vm.powerState(), vm.nameLabel(), vm.memoryStaticMax(), vm.memoryDynamicMax(),
                    vm.vcpusMax(), vm.vcpusAtStartup());
        }
    }

    private record Known(VmRecord vm, Facts facts, CimInstance instance) {
    }

    private final IndicationSchema schema;
    private final Function<VmRecord, CimInstance> toInstance;
    private Map<String, Known> known;
    private long generation = Long.MIN_VALUE;

    public VmChangeDetector(IndicationSchema schema, Function<VmRecord, CimInstance> toInstance) {
        this.schema = schema;
        this.toInstance = toInstance;
    }

    static boolean isSystem(VmRecord vm) {
        return !vm.isATemplate() && !vm.isASnapshot();
    }

    /**
     * The indications between the previous snapshot and this one; the first snapshot only sets the
     * baseline. A snapshot not newer than the last one seen is ignored.
     */
    List<Indication> next(PoolSnapshot s, Instant now) {
        if (known != null && s.generation() <= generation) {
            return List.of();
        }
        generation = s.generation();
        Map<String, VmRecord> systems = new HashMap<>();
        for (VmRecord vm : s.vms()) {
            if (isSystem(vm)) {
                systems.put(vm.uuid(), vm);
            }
        }
        if (known == null) {
            known = new HashMap<>();
            systems.values().forEach(vm -> known.put(vm.uuid(), new Known(vm, Facts.of(vm), toInstance.apply(vm))));
            return List.of();
        }
        List<Indication> out = new ArrayList<>();
        changedOrCreated(systems, now, out);
        deleted(systems, now, out);
        return out;
    }

    private void changedOrCreated(Map<String, VmRecord> systems, Instant now, List<Indication> out) {
        for (VmRecord vm : sorted(systems)) {
            Known before = known.get(vm.uuid());
            Facts facts = Facts.of(vm);
            if (before != null && (before.vm() == vm || before.vm().equals(vm))) {
                continue;
            }
            CimInstance inst = toInstance.apply(vm);
            known.put(vm.uuid(), new Known(vm, facts, inst));
            if (before == null) {
                out.add(schema.creation(inst, now));
            } else if (!Objects.equals(before.facts(), facts)) {
                out.add(schema.modification(inst, before.instance(), now));
            }
        }
    }

    private void deleted(Map<String, VmRecord> systems, Instant now, List<Indication> out) {
        List<String> gone = new ArrayList<>();
        for (String uuid : known.keySet()) {
            if (!systems.containsKey(uuid)) {
                gone.add(uuid);
            }
        }
        gone.sort(null);
        for (String uuid : gone) {
            out.add(schema.deletion(known.remove(uuid).instance(), now));
        }
    }

    private static List<VmRecord> sorted(Map<String, VmRecord> systems) {
        List<VmRecord> l = new ArrayList<>(systems.values());
        l.sort((a, b) -> a.uuid().compareTo(b.uuid()));
        return l;
    }
}
