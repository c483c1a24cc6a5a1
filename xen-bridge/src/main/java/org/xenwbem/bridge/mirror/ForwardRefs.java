package org.xenwbem.bridge.mirror;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refs to objects not loaded yet, during a full load that reads one class at a time (so that no class's
 * records are held in their wire form while the others load). Such a ref maps to a placeholder: a String
 * instance of its own that holds the ref's text and is recognised by identity, so that no value a user
 * chose can be mistaken for one. The record that took a placeholder is noted; once every class is in,
 * {@link #resolve} rebuilds the noted records with each placeholder replaced by its UUID ("" for a single
 * ref, left out of a list or map, when the object never came), UUID lists sorted again: the result is
 * the record that mapping it with every ref known gives. Rebuilding goes through the record's components
 * and canonical constructor, so it needs no code per class.
 * <p>
 * When the load replaces a snapshot (a resync), a ref to an object of a class not loaded yet is first
 * looked up in the previous state ({@code hints}): refs are stable in xapi, so the UUID found there is
 * almost always right, and the record needs no completion, shares what did not change at once, and no
 * placeholder is held. Such guesses are checked once all is in ({@link #guessesHeld()}); should one have
 * gone wrong (its object deleted meanwhile), the caller loads again without hints. Owned by the mirror thread.
 */
final class ForwardRefs {
    private final RefIndex refs;
    private final RefIndex hints;
    private final MirrorSnapshot previous;
    private final Set<MirrorClass> finished = EnumSet.noneOf(MirrorClass.class);
    private MirrorClass loading;
    private final Set<Object> placeholders = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Noted> noted = new ArrayList<>();
    private final Map<Class<?>, Rebuilder> rebuilders = new HashMap<>();
    private boolean taken;

    /** One record to rebuild: its class and UUID. */
    private record Noted(MirrorClass c, String uuid) {
    }

    /** {@code hints} (nullable) are the refs of the state {@code previous} was built from. */
    ForwardRefs(RefIndex refs, RefIndex hints, MirrorSnapshot previous) {
        this.refs = refs;
        this.hints = hints;
        this.previous = previous;
        if (hints != null) {
            hints.clearMarks();
        }
    }

    /** The records of {@code c} arrive from now on; those of the class before are all in (no longer guessed). */
    void startClass(MirrorClass c) {
        if (loading != null) {
            finished.add(loading);
        }
        loading = c;
    }

    /** The UUID behind {@code ref} if known, "" for OpaqueRef:NULL, else a guess or a placeholder. */
    String uuid(String ref) {
        String u = refs.uuid(ref);
        if (!u.isEmpty() || ref == null || ref.isEmpty() || Fields.NULL_REF.equals(ref)) {
            return u;
        }
        String guess = guess(ref);
        if (guess != null) {
            return guess;
        }
        String placeholder = new String(ref);
        placeholders.add(placeholder);
        taken = true;
        return placeholder;
    }

    /** The previous state's UUID for a ref to an object whose class is not all in yet; else null. */
    private String guess(String ref) {
        String u = hints == null ? "" : hints.uuid(ref);
        if (u.isEmpty()) {
            return null;
        }
        for (MirrorClass c : MirrorClass.values()) {
            if (previous.tables()[c.ordinal()].key(u) != null) {
                return finished.contains(c) ? null : hints.uuidMarked(ref);
            }
        }
        return null;
    }

    /** True unless a guessed ref now names another object, or none (then the load must be redone). */
    boolean guessesHeld() {
        return hints == null || hints.marksStillHeldBy(refs);
    }

    /** The UUIDs (and placeholders) behind a set of refs; sorted unless a placeholder is among them. */
    List<String> uuids(List<?> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        int before = placeholders.size();
        List<String> out = new ArrayList<>(list.size());
        for (Object r : list) {
            String u = uuid(String.valueOf(r));
            if (!u.isEmpty()) {
                out.add(u);
            }
        }
        if (placeholders.size() == before) {
            out.sort(null);
        }
        return out;
    }

    /** Starts a record: forgets whether the previous one took a placeholder. */
    void startRecord() {
        taken = false;
    }

    /** Notes the record just mapped for {@link #resolve} if it took a placeholder; returns whether it did. */
    boolean endRecord(MirrorClass c, String uuid) {
        if (taken) {
            noted.add(new Noted(c, uuid));
        }
        return taken;
    }

    int notedCount() {
        return noted.size();
    }

    /** Where the records being loaded are kept. */
    interface Store {
        Object get(MirrorClass c, String uuid);

        void put(MirrorClass c, String uuid, Object rebuilt);
    }

    /** Rebuilds every noted record in {@code store}, placeholders replaced. */
    void resolve(Store store) {
        for (Noted n : noted) {
            Object record = store.get(n.c(), n.uuid());
            if (record != null) {
                store.put(n.c(), n.uuid(), rebuilders.computeIfAbsent(record.getClass(), Rebuilder::new).rebuild(record));
            }
        }
        noted.clear();
        placeholders.clear();
    }

    private Object resolved(Object value) {
        if (value instanceof String s) {
            return placeholders.contains(s) ? refs.uuid(s) : s;
        }
        if (value instanceof List<?> list && list.stream().anyMatch(placeholders::contains)) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                String u = (String) resolved(o);
                if (!u.isEmpty()) {
                    out.add(u);
                }
            }
            out.sort(null);
            return out;
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().anyMatch(placeholders::contains)) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object key = resolved(k);
                if (!"".equals(key)) {
                    out.put(key, v);
                }
            });
            return out;
        }
        return value;
    }

    /** Rebuilds records of one class from their components. */
    private final class Rebuilder {
        private final RecordComponent[] components;
        private final Constructor<?> canonical;

        Rebuilder(Class<?> type) {
            components = type.getRecordComponents();
            if (components == null) {
                throw new IllegalStateException(type.getName() + " is not a record");
            }
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < types.length; i++) {
                types[i] = components[i].getType();
            }
            try {
                canonical = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + type.getName(), e);
            }
        }

        Object rebuild(Object record) {
            try {
                Object[] args = new Object[components.length];
                for (int i = 0; i < args.length; i++) {
                    args[i] = resolved(components[i].getAccessor().invoke(record));
                }
                return canonical.newInstance(args);
            } catch (InvocationTargetException | InstantiationException | IllegalAccessException e) {
                throw new IllegalStateException("cannot rebuild " + record.getClass().getSimpleName(), e);
            }
        }
    }
}
