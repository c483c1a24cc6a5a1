package org.xenwbem.bridge.mirror;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * A persistent (immutable, structurally shared) map from String keys to values, iterated in key
 * order. Entries live in sorted chunks of at most {@value #MAX_CHUNK}; {@link #with} and
 * {@link #without} copy one chunk and the chunk array, so an update costs O(√n)-ish instead of O(n)
 * while every earlier version stays valid for its readers.
 */
final class ChunkedSortedMap<V> {
    static final int MAX_CHUNK = 128;
    private static final ChunkedSortedMap<Object> EMPTY = new ChunkedSortedMap<>(new Chunk[0], 0);

    /** One sorted run of keys and their values. Never mutated once published. */
    private record Chunk(String[] keys, Object[] values) {
        int size() {
            return keys.length;
        }
    }

    private final Chunk[] chunks;
    private final int size;

    private ChunkedSortedMap(Chunk[] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static <V> ChunkedSortedMap<V> empty() {
        return (ChunkedSortedMap<V>) EMPTY;
    }

    /** Builds from an already sorted map in O(n), chunks half full so that later inserts rarely split. */
    static <V> ChunkedSortedMap<V> of(SortedMap<String, ? extends V> sorted) {
        int per = MAX_CHUNK / 2;
        int n = sorted.size();
        Chunk[] out = new Chunk[(n + per - 1) / per];
        Iterator<? extends java.util.Map.Entry<String, ? extends V>> it = sorted.entrySet().iterator();
        for (int c = 0; c < out.length; c++) {
            int len = Math.min(per, n - c * per);
            String[] k = new String[len];
            Object[] v = new Object[len];
            for (int i = 0; i < len; i++) {
                java.util.Map.Entry<String, ? extends V> e = it.next();
                k[i] = e.getKey();
                v[i] = e.getValue();
            }
            out[c] = new Chunk(k, v);
        }
        return new ChunkedSortedMap<>(out, n);
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(String key) {
        if (chunks.length == 0) {
            return null;
        }
        Chunk c = chunks[chunkFor(key)];
        int i = Arrays.binarySearch(c.keys, key);
        return i >= 0 ? (V) c.values[i] : null;
    }

    /** A map with {@code key} bound to {@code value}. */
    /** The key instance held equal to {@code key}, or null. */
    String key(String key) {
        if (chunks.length == 0) {
            return null;
        }
        Chunk c = chunks[chunkFor(key)];
        int i = Arrays.binarySearch(c.keys, key);
        return i >= 0 ? c.keys[i] : null;
    }

    ChunkedSortedMap<V> with(String key, V value) {
        if (chunks.length == 0) {
            return new ChunkedSortedMap<>(new Chunk[] {new Chunk(new String[] {key}, new Object[] {value})}, 1);
        }
        int ci = chunkFor(key);
        Chunk c = chunks[ci];
        int i = Arrays.binarySearch(c.keys, key);
        if (i >= 0) {
            Object[] values = c.values.clone();
            values[i] = value;
            return replaced(ci, new Chunk(c.keys, values), size);
        }
        int at = -i - 1;
        String[] keys = new String[c.size() + 1];
        Object[] values = new Object[c.size() + 1];
        System.arraycopy(c.keys, 0, keys, 0, at);
        System.arraycopy(c.values, 0, values, 0, at);
        keys[at] = key;
        values[at] = value;
        System.arraycopy(c.keys, at, keys, at + 1, c.size() - at);
        System.arraycopy(c.values, at, values, at + 1, c.size() - at);
        if (keys.length <= MAX_CHUNK) {
            return replaced(ci, new Chunk(keys, values), size + 1);
        }
        int half = keys.length / 2;
        Chunk left = new Chunk(Arrays.copyOfRange(keys, 0, half), Arrays.copyOfRange(values, 0, half));
        Chunk right = new Chunk(Arrays.copyOfRange(keys, half, keys.length),
                Arrays.copyOfRange(values, half, values.length));
        Chunk[] out = new Chunk[chunks.length + 1];
        System.arraycopy(chunks, 0, out, 0, ci);
        out[ci] = left;
        out[ci + 1] = right;
        System.arraycopy(chunks, ci + 1, out, ci + 2, chunks.length - ci - 1);
        return new ChunkedSortedMap<>(out, size + 1);
    }

    /** A map without {@code key} (this map when absent). */
    ChunkedSortedMap<V> without(String key) {
        if (chunks.length == 0) {
            return this;
        }
        int ci = chunkFor(key);
        Chunk c = chunks[ci];
        int i = Arrays.binarySearch(c.keys, key);
        if (i < 0) {
            return this;
        }
        if (c.size() == 1) {
            Chunk[] out = new Chunk[chunks.length - 1];
            System.arraycopy(chunks, 0, out, 0, ci);
            System.arraycopy(chunks, ci + 1, out, ci, chunks.length - ci - 1);
            return new ChunkedSortedMap<>(out, size - 1);
        }
        String[] keys = new String[c.size() - 1];
        Object[] values = new Object[c.size() - 1];
        System.arraycopy(c.keys, 0, keys, 0, i);
        System.arraycopy(c.values, 0, values, 0, i);
        System.arraycopy(c.keys, i + 1, keys, i, c.size() - i - 1);
        System.arraycopy(c.values, i + 1, values, i, c.size() - i - 1);
        return replaced(ci, new Chunk(keys, values), size - 1);
    }

    /** Visits the entries in key order. */
    @SuppressWarnings("unchecked")
    void forEach(BiConsumer<String, ? super V> action) {
        for (Chunk c : chunks) {
            for (int i = 0; i < c.size(); i++) {
                action.accept(c.keys[i], (V) c.values[i]);
            }
        }
    }

    /** The values in key order: an unmodifiable view of this version. */
    Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new ValueIterator();
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private ChunkedSortedMap<V> replaced(int ci, Chunk c, int newSize) {
        Chunk[] out = chunks.clone();
        out[ci] = c;
        return new ChunkedSortedMap<>(out, newSize);
    }

    /** The last chunk whose first key is ≤ key (chunk 0 when key sorts before everything). */
    private int chunkFor(String key) {
        int lo = 0;
        int hi = chunks.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks[mid].keys[0].compareTo(key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Walks the chunks in order. */
    private final class ValueIterator implements Iterator<V> {
        private int chunk;
        private int index;

        @Override
        public boolean hasNext() {
            while (chunk < chunks.length && index >= chunks[chunk].size()) {
                chunk++;
                index = 0;
            }
            return chunk < chunks.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return (V) chunks[chunk].values[index++];
        }
    }
}
