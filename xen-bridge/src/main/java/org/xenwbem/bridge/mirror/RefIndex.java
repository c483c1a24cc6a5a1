package org.xenwbem.bridge.mirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpaqueRef → UUID for every mirrored object, so that records can name each other by UUID. Keys of
 * the usual form {@code OpaqueRef:<uuid>} are stored as {@link UUID}s (a third of the memory of the
 * string). UUID strings are shared with the records. Owned by the mirror thread; not thread-safe.
 */
final class RefIndex {
    private static final String PREFIX = "OpaqueRef:";
    private static final int UUID_LENGTH = 36;

    private final Map<Object, String> uuids = new HashMap<>();

    void clear() {
        uuids.clear();
    }

    void put(String ref, String uuid) {
        if (!uuid.isEmpty()) {
            uuids.put(key(ref), uuid);
        }
    }

    void remove(String ref) {
        uuids.remove(key(ref));
    }

    /** The UUID behind {@code ref}; "" for OpaqueRef:NULL or an unknown ref. */
    String uuid(String ref) {
        String u = ref == null || ref.isEmpty() ? null : uuids.get(key(ref));
        return u == null ? "" : u;
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
        return uuids.size();
    }

    static Object key(String ref) {
        if (ref.length() == PREFIX.length() + UUID_LENGTH && ref.startsWith(PREFIX)) {
            String tail = ref.substring(PREFIX.length());
            try {
                UUID u = UUID.fromString(tail);
                if (u.toString().equals(tail)) {
                    return u;
                }
            } catch (IllegalArgumentException e) {
                return ref;
            }
        }
        return ref;
    }
}
