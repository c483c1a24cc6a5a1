package org.xenwbem.bridge.mirror;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OpaqueRef → UUID (or any string) for every mirrored object, so that records can name each other by
 * UUID. Refs of xapi's usual form {@code OpaqueRef:<uuid>} are held as their 128 bits in an
 * open-addressing table filled up to three quarters (two longs and one reference a slot: 30 to 60 bytes
 * an entry, against some 70 for a UUID key in a HashMap); any other ref goes to a plain map. The values
 * are the records' own UUID strings, shared. Owned by the mirror thread; not thread-safe.
 */
final class RefIndex {
    private static final String PREFIX = "OpaqueRef:";
    private static final int UUID_LENGTH = 36;
    private static final int MIN_SLOTS = 16;

    /** Slot i holds the ref bits at [2i, 2i+1] and its value at [i]; a null value is a free slot. */
    private long[] bits = new long[2 * MIN_SLOTS];
    private String[] values = new String[MIN_SLOTS];
    private int size;
    private final Map<String, String> others = new HashMap<>();
    /** The slots (and other refs) read through {@link #uuidMarked} since {@link #clearMarks}. */
    private BitSet marked = new BitSet();
    private final Set<String> markedOthers = new HashSet<>();

    void put(String ref, String uuid) {
        if (uuid.isEmpty()) {
            return;
        }
        long[] k = parse(ref);
        if (k == null) {
            others.put(ref, uuid);
            return;
        }
        if (4 * (size + 1) > 3 * values.length) {
            grow();
        }
        int i = find(k[0], k[1]);
        if (values[i] == null) {
            size++;
            bits[2 * i] = k[0];
            bits[2 * i + 1] = k[1];
        }
        values[i] = uuid;
    }

    void remove(String ref) {
        long[] k = parse(ref);
        if (k == null) {
            others.remove(ref);
            return;
        }
        int i = find(k[0], k[1]);
        if (values[i] != null) {
            values[i] = null;
            size--;
            closeGap(i);
        }
    }

    /** The UUID behind {@code ref}; "" for OpaqueRef:NULL or an unknown ref. */
    String uuid(String ref) {
        if (ref == null || ref.isEmpty()) {
            return "";
        }
        long[] k = parse(ref);
        String u = k == null ? others.get(ref) : values[find(k[0], k[1])];
        return u == null ? "" : u;
    }

    /** {@link #uuid}, remembering that {@code ref} was read (see {@link #marksStillHeldBy}). */
    String uuidMarked(String ref) {
        if (ref == null || ref.isEmpty()) {
            return "";
        }
        long[] k = parse(ref);
        if (k == null) {
            String u = others.get(ref);
            if (u == null) {
                return "";
            }
            markedOthers.add(ref);
            return u;
        }
        int i = find(k[0], k[1]);
        if (values[i] == null) {
            return "";
        }
        marked.set(i);
        return values[i];
    }

    void clearMarks() {
        marked = new BitSet();
        markedOthers.clear();
    }

    /** True when every ref read through {@link #uuidMarked} names the same UUID in {@code other}. */
    boolean marksStillHeldBy(RefIndex other) {
        for (int i = marked.nextSetBit(0); i >= 0; i = marked.nextSetBit(i + 1)) {
            String now = other.values[other.find(bits[2 * i], bits[2 * i + 1])];
            if (!values[i].equals(now)) {
                return false;
            }
        }
        for (String ref : markedOthers) {
            if (!others.get(ref).equals(other.uuid(ref))) {
                return false;
            }
        }
        return true;
    }

    /** The UUIDs behind a set of refs, sorted, without unknown ones. */
    List<String> uuids(List<?> refs) {
        if (refs.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(refs.size());
        for (Object r : refs) {
            String u = uuid(String.valueOf(r));
            if (!u.isEmpty()) {
                out.add(u);
            }
        }
        out.sort(null);
        return out;
    }

    int size() {
        return size + others.size();
    }

    /** The slot holding these bits, or the free slot where they would go (linear probing). */
    private int find(long hi, long lo) {
        int mask = values.length - 1;
        for (int i = hash(hi, lo) & mask; ; i = (i + 1) & mask) {
            if (values[i] == null || (bits[2 * i] == hi && bits[2 * i + 1] == lo)) {
                return i;
            }
        }
    }

    /** Backward-shift deletion: moves later entries of the probe run into the freed slot. */
    private void closeGap(int freed) {
        int mask = values.length - 1;
        int gap = freed;
        for (int i = (freed + 1) & mask; values[i] != null; i = (i + 1) & mask) {
            int home = hash(bits[2 * i], bits[2 * i + 1]) & mask;
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                bits[2 * gap] = bits[2 * i];
                bits[2 * gap + 1] = bits[2 * i + 1];
                values[gap] = values[i];
                values[i] = null;
                gap = i;
            }
        }
    }

    private void grow() {
        long[] oldBits = bits;
        String[] oldValues = values;
        bits = new long[oldBits.length * 2];
        values = new String[oldValues.length * 2];
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int j = find(oldBits[2 * i], oldBits[2 * i + 1]);
                bits[2 * j] = oldBits[2 * i];
                bits[2 * j + 1] = oldBits[2 * i + 1];
                values[j] = oldValues[i];
            }
        }
    }

    private static int hash(long hi, long lo) {
        long h = (hi ^ lo) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** The 128 bits of {@code OpaqueRef:<lower-case uuid>}, or null for a ref of another form. */
    static long[] parse(String ref) {
        if (ref.length() != PREFIX.length() + UUID_LENGTH || !ref.startsWith(PREFIX)) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = PREFIX.length(); i < ref.length(); i++) {
            int at = i - PREFIX.length();
            char c = ref.charAt(i);
            if (at == 8 || at == 13 || at == 18 || at == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0) {
                return null;
            }
            if (digits++ < 16) {
                hi = hi << 4 | d;
            } else {
                lo = lo << 4 | d;
            }
        }
        return new long[] {hi, lo};
    }

    @Override
    public String toString() {
        return "RefIndex[" + size() + "]";
    }
}
