package org.xenwbem.bridge.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The simulator's object store: tables of objects by class and ref, a global generation counter
 * (every change stamps the object), and a bounded log of deletions for {@code event.from}.
 * One monitor guards everything; {@link #atomically} groups several changes.
 * Field values are stored immutable (lists and maps are frozen on write).
 */
final class SimDatabase {
    static final String NULL_REF = "OpaqueRef:NULL";
    private static final int MAX_DELETIONS = 10_000;

    private final Random random;
    private final Map<String, Map<String, SimObject>> tables = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> uuidIndex = new HashMap<>();
    private final Map<String, Set<String>> fieldNames = new HashMap<>();
    private final Deque<Deletion> deletions = new ArrayDeque<>();
    /** Every live object by its last modification, so that event.from reads only what changed. */
    private final TreeMap<Long, SimObject> byModified = new TreeMap<>();
    private long generation;
    private long consumedThrough;
    private long prunedThrough;
    private boolean closed;

    private static final class SimObject {
        final String cls;
        final String ref;
        final long created;
        long modified;
        final Map<String, Object> fields;

        SimObject(String cls, String ref, long created, Map<String, Object> fields) {
            this.cls = cls;
            this.ref = ref;
            this.created = created;
            this.modified = created;
            this.fields = fields;
        }
    }

    private record Deletion(long generation, String cls, String ref) {
    }

    /** One change for {@code event.from}; {@code snapshot} is null for deletions. */
    record Change(long generation, String eventClass, String ref, String operation, Map<String, Object> snapshot) {
    }

    /** The result of waiting for changes: the changes and the generation they run up to. */
    record Changes(List<Change> changes, long generation) {
    }

    SimDatabase(long seed) {
        this.random = new Random(seed);
    }

    static String eventClass(String cls) {
        return cls.toLowerCase(Locale.ROOT);
    }

    synchronized <T> T atomically(Supplier<T> work) {
        return work.get();
    }

    synchronized String newUuid() {
        long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    synchronized String newRef() {
        return "OpaqueRef:" + newUuid();
    }

    /** Adds an object; {@code fields} must hold its {@code uuid}. Returns the new ref. */
    synchronized String create(String cls, Map<String, Object> fields) {
        String ref = newRef();
        createWithRef(cls, ref, fields);
        return ref;
    }

    synchronized void createWithRef(String cls, String ref, Map<String, Object> fields) {
        Map<String, Object> frozen = new LinkedHashMap<>();
        fields.forEach((k, v) -> frozen.put(k, freeze(v)));
        SimObject o = new SimObject(cls, ref, ++generation, frozen);
        tables.computeIfAbsent(cls, c -> new LinkedHashMap<>()).put(ref, o);
        byModified.put(o.modified, o);
        uuidIndex.computeIfAbsent(cls, c -> new HashMap<>()).put((String) fields.get("uuid"), ref);
        fieldNames.computeIfAbsent(cls, c -> new LinkedHashSet<>()).addAll(fields.keySet());
        notifyAll();
    }

    synchronized void set(String cls, String ref, String field, Object value) {
        SimObject o = object(cls, ref);
        if (!o.fields.containsKey(field)) {
            throw new IllegalArgumentException(cls + " has no field " + field);
        }
        o.fields.put(field, freeze(value));
        byModified.remove(o.modified);
        o.modified = ++generation;
        byModified.put(o.modified, o);
        notifyAll();
    }

    /** Adds {@code value} to the set field (no-op when present). */
    synchronized void addToSet(String cls, String ref, String field, Object value) {
        List<Object> l = new ArrayList<>((List<?>) get(cls, ref, field));
        if (!l.contains(value)) {
            l.add(value);
            set(cls, ref, field, l);
        }
    }

    /** Removes {@code value} from the set field of an object, if the object still exists. */
    synchronized void removeFromSet(String cls, String ref, String field, Object value) {
        if (!exists(cls, ref)) {
            return;
        }
        List<Object> l = new ArrayList<>((List<?>) get(cls, ref, field));
        if (l.remove(value)) {
            set(cls, ref, field, l);
        }
    }

    /** Puts (or, with a null value, removes) one key of a map field. */
    synchronized void putInMap(String cls, String ref, String field, String key, Object value) {
        Map<Object, Object> m = new LinkedHashMap<>((Map<?, ?>) get(cls, ref, field));
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        set(cls, ref, field, m);
    }

    /** The value of a long field (xapi ints), 0 when absent. */
    synchronized long getLong(String cls, String ref, String field) {
        return get(cls, ref, field) instanceof Number n ? n.longValue() : 0L;
    }

    synchronized Object get(String cls, String ref, String field) {
        return object(cls, ref).fields.get(field);
    }

    synchronized Map<String, Object> record(String cls, String ref) {
        return new LinkedHashMap<>(object(cls, ref).fields);
    }

    /** HANDLE_INVALID unless the object exists: what {@link #record} checks, without copying the record. */
    synchronized void requireExists(String cls, String ref) {
        object(cls, ref);
    }

    synchronized boolean exists(String cls, String ref) {
        return tables.getOrDefault(cls, Map.of()).containsKey(ref);
    }

    synchronized void delete(String cls, String ref) {
        SimObject o = object(cls, ref);
        tables.get(cls).remove(ref);
        byModified.remove(o.modified);
        uuidIndex.get(cls).remove((String) o.fields.get("uuid"));
        deletions.addLast(new Deletion(++generation, eventClass(cls), ref));
        while (deletions.size() > MAX_DELETIONS) {
            prunedThrough = deletions.removeFirst().generation();
        }
        notifyAll();
    }

    synchronized List<String> refs(String cls) {
        return new ArrayList<>(tables.getOrDefault(cls, Map.of()).keySet());
    }

    /** ref → copy of the record, in creation order. */
    synchronized Map<String, Map<String, Object>> records(String cls) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        tables.getOrDefault(cls, Map.of()).forEach((ref, o) -> out.put(ref, new LinkedHashMap<>(o.fields)));
        return out;
    }

    synchronized String refByUuid(String cls, String uuid) {
        String ref = uuidIndex.getOrDefault(cls, Map.of()).get(uuid);
        if (ref == null) {
            throw new SimFault("UUID_INVALID", cls, uuid);
        }
        return ref;
    }

    synchronized Set<String> fieldNames(String cls) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(fieldNames.getOrDefault(cls, Set.of())));
    }

    synchronized Set<String> classes() {
        return new LinkedHashSet<>(tables.keySet());
    }

    synchronized int count(String cls) {
        return tables.getOrDefault(cls, Map.of()).size();
    }

    synchronized long generation() {
        return generation;
    }

    /** An event.from caller came back with {@code since}: it has applied every change up to it. */
    synchronized void consumed(long since) {
        consumedThrough = Math.max(consumedThrough, since);
    }

    synchronized long consumedThrough() {
        return consumedThrough;
    }

    /** True when deletions after {@code since} have been dropped from the log. */
    synchronized boolean lost(long since) {
        return since < prunedThrough;
    }

    /**
     * Changes after generation {@code since} of objects accepted by {@code filter(eventClass, ref)},
     * waiting up to {@code timeoutMillis} for the first one. Returns early (empty) when closed.
     */
    synchronized Changes awaitChanges(BiPredicate<String, String> filter, long since, long timeoutMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        List<Change> found = collect(filter, since);
        while (found.isEmpty() && !closed) {
            long waitMillis = (deadline - System.nanoTime()) / 1_000_000L;
            if (waitMillis <= 0) {
                break;
            }
            wait(waitMillis);
            found = collect(filter, since);
        }
        return new Changes(found, generation);
    }

    private List<Change> collect(BiPredicate<String, String> filter, long since) {
        List<Change> out = new ArrayList<>();
        for (SimObject o : byModified.tailMap(since, false).values()) {
            String ec = eventClass(o.cls);
            if (filter.test(ec, o.ref)) {
                String op = o.created > since ? "add" : "mod";
                out.add(new Change(o.modified, ec, o.ref, op, new LinkedHashMap<>(o.fields)));
            }
        }
        for (Iterator<Deletion> it = deletions.descendingIterator(); it.hasNext(); ) {
            Deletion d = it.next();
            if (d.generation() <= since) {
                break;
            }
            if (filter.test(d.cls(), d.ref())) {
                out.add(new Change(d.generation(), d.cls(), d.ref(), "del", null));
            }
        }
        out.sort((a, b) -> Long.compare(a.generation(), b.generation()));
        return out;
    }

    /** Makes every event token issued so far stale (EVENTS_LOST), as a xapi restart does. */
    synchronized void forgetHistory() {
        prunedThrough = ++generation;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private SimObject object(String cls, String ref) {
        SimObject o = tables.getOrDefault(cls, Map.of()).get(ref);
        if (o == null) {
            throw SimFault.handleInvalid(cls, ref);
        }
        return o;
    }

    private static Object freeze(Object v) {
        if (v instanceof List<?> l) {
            return Collections.unmodifiableList(new ArrayList<>(l));
        }
        if (v instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(m));
        }
        return v;
    }
}
