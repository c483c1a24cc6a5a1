package org.xenwbem.provider.classes.vm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.cim.CimDateTime;

/** Expected values read from the simulator's wire records, independently of the mirror's records. */
public final class VmWire {
    private final SimState sim;
    private final String cls;
    private final Map<String, Object> rec;

    public VmWire(SimState sim, String cls, String uuid) {
        this.sim = sim;
        this.cls = cls;
        this.rec = sim.record(cls, uuid);
    }

    public String str(String field) {
        return (String) rec.get(field);
    }

    long num(String field) {
        return ((Number) rec.get(field)).longValue();
    }

    public boolean bool(String field) {
        return Boolean.TRUE.equals(rec.get(field));
    }

    /** The uuid behind a reference field, "" for OpaqueRef:NULL. */
    String ref(String field, String targetClass) {
        return sim.uuidOfRef(targetClass, str(field));
    }

    /** A reference field's target as a wire record. */
    VmWire follow(String field, String targetClass) {
        return new VmWire(sim, targetClass, ref(field, targetClass));
    }

    CimDateTime time(String field) {
        return CimDateTime.of((Instant) rec.get(field));
    }

    /** A time field, null for xapi's "unset" (the epoch). */
    CimDateTime timeOrNull(String field) {
        Instant t = (Instant) rec.get(field);
        return t == null || t.equals(Instant.EPOCH) ? null : CimDateTime.of(t);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String field) {
        return (List<String>) rec.get(field);
    }

    /** A map field in the anchor's sorted {@code key=value} form. */
    List<String> keyValues(String field) {
        List<String> out = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, String> m = (Map<String, String>) rec.get(field);
        new TreeMap<>(m).forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String field) {
        return (Map<String, Object>) rec.get(field);
    }

    @SuppressWarnings("unchecked")
    List<String> refs(String field, String targetClass) {
        return ((List<String>) rec.get(field)).stream().map(r -> sim.uuidOfRef(targetClass, r)).toList();
    }

    @Override
    public String toString() {
        return cls + " " + rec.get("uuid");
    }
}
