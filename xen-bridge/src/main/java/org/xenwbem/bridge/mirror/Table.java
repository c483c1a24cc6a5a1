package org.xenwbem.bridge.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One published class of the mirror: records by UUID (a {@link ChunkedSortedMap}) and, for child
 * classes, an index parent UUID → sorted child UUIDs. Immutable; {@link Editor} derives the next version.
 */
final class Table<R> {
    /** After this many single edits in one batch, an editor rebuilds the table in bulk instead. */
    static final int BULK_THRESHOLD = 256;

    private final ChunkedSortedMap<R> records;
    private final ChunkedSortedMap<List<String>> byParent;
    private final Function<R, String> parentOf;

    private Table(ChunkedSortedMap<R> records, ChunkedSortedMap<List<String>> byParent, Function<R, String> parentOf) {
        this.records = records;
        this.byParent = byParent;
        this.parentOf = parentOf;
    }

    /** An empty table; {@code parentOf} (nullable) names the parent UUID to index by. */
    static <R> Table<R> empty(Function<R, String> parentOf) {
        return new Table<>(ChunkedSortedMap.empty(), ChunkedSortedMap.empty(), parentOf);
    }

    static <R> Table<R> of(SortedMap<String, R> sorted, Function<R, String> parentOf) {
        TreeMap<String, List<String>> index = new TreeMap<>();
        if (parentOf != null) {
            sorted.forEach((uuid, r) -> index.computeIfAbsent(parentOf.apply(r), p -> new ArrayList<>()).add(uuid));
            index.replaceAll((p, children) -> List.copyOf(children));
        }
        return new Table<>(ChunkedSortedMap.of(sorted), ChunkedSortedMap.of(index), parentOf);
    }

    R get(String uuid) {
        return records.get(uuid);
    }

    /** The key instance held for {@code uuid}, or null when there is no such record. */
    String key(String uuid) {
        return records.key(uuid);
    }

    int size() {
        return records.size();
    }

    Collection<R> all() {
        return records.values();
    }

    /** The records whose parent is {@code parent}, by UUID. */
    List<R> childrenOf(String parent) {
        List<String> uuids = byParent.get(parent);
        if (uuids == null) {
            return List.of();
        }
        List<R> out = new ArrayList<>(uuids.size());
        for (String u : uuids) {
            R r = records.get(u);
            if (r != null) {
                out.add(r);
            }
        }
        return Collections.unmodifiableList(out);
    }

    Table<R> with(String uuid, R record) {
        R old = records.get(uuid);
        ChunkedSortedMap<List<String>> index = byParent;
        if (parentOf != null) {
            String before = old == null ? null : parentOf.apply(old);
            String after = parentOf.apply(record);
            if (!after.equals(before)) {
                index = before == null ? index : unlink(index, before, uuid);
                index = link(index, after, uuid);
            }
        }
        return new Table<>(records.with(uuid, record), index, parentOf);
    }

    Table<R> without(String uuid) {
        R old = records.get(uuid);
        if (old == null) {
            return this;
        }
        ChunkedSortedMap<List<String>> index = parentOf == null ? byParent
                : unlink(byParent, parentOf.apply(old), uuid);
        return new Table<>(records.without(uuid), index, parentOf);
    }

    private static ChunkedSortedMap<List<String>> link(ChunkedSortedMap<List<String>> index, String parent,
                                                       String child) {
        List<String> list = index.get(parent);
        List<String> next = new ArrayList<>(list == null ? List.of() : list);
        int at = Collections.binarySearch(next, child);
        if (at >= 0) {
            return index;
        }
        next.add(-at - 1, child);
        return index.with(parent, List.copyOf(next));
    }

    private static ChunkedSortedMap<List<String>> unlink(ChunkedSortedMap<List<String>> index, String parent,
                                                         String child) {
        List<String> list = index.get(parent);
        if (list == null || !list.contains(child)) {
            return index;
        }
        List<String> next = new ArrayList<>(list);
        next.remove(child);
        return next.isEmpty() ? index.without(parent) : index.with(parent, List.copyOf(next));
    }

    /**
     * Edits one table during one batch: a few changes are applied persistently (sharing structure
     * with the published version); many changes switch to a mutable copy rebuilt once by {@link #build}.
     */
    static final class Editor<R> {
        private Table<R> base;
        private TreeMap<String, R> bulk;
        private int edits;

        Editor(Table<R> base) {
            this.base = base;
        }

        R get(String uuid) {
            return bulk != null ? bulk.get(uuid) : base.get(uuid);
        }

        void put(String uuid, R record) {
            if (countEdit()) {
                bulk.put(uuid, record);
            } else {
                base = base.with(uuid, record);
            }
        }

        void remove(String uuid) {
            if (countEdit()) {
                bulk.remove(uuid);
            } else {
                base = base.without(uuid);
            }
        }

        Table<R> build() {
            return bulk == null ? base : Table.of(bulk, base.parentOf);
        }

        /** True when edits now go to the bulk copy. */
        private boolean countEdit() {
            if (bulk == null && ++edits > BULK_THRESHOLD) {
                TreeMap<String, R> copy = new TreeMap<>();
                base.records.forEach(copy::put);
                bulk = copy;
            }
            return bulk != null;
        }
    }

    @Override
    public String toString() {
        return "Table[" + records.size() + "]";
    }

    /** For tests: the index as a plain map. */
    Map<String, List<String>> indexForTest() {
        Map<String, List<String>> out = new TreeMap<>();
        byParent.forEach(out::put);
        return out;
    }
}
