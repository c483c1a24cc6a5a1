package org.xenwbem.bridge.ops;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpaqueRefs that {@code <class>.get_by_uuid} answered on one pool, shared by its users' sessions,
 * so that a method naming a VM and a host costs one xapi round trip, not three (xenapi.md: a ref is the
 * object's handle for its whole life, the same for every session; it is not a secret, and every role may
 * read it). A ref goes stale only when its object is destroyed: xapi then answers HANDLE_INVALID, and
 * {@link Calls} forgets the ref and looks the uuid up afresh (UUID_INVALID, as without the memo). Holds at
 * most {@link #MAX} refs (some 200 bytes each); past it, it starts again empty. Refs are never logged.
 * Thread-safe.
 */
public final class RefMemo {
    static final int MAX = 8192;

    /** One memoised look-up. */
    record Key(String cls, String uuid) {
    }

    private final Map<Key, String> refs = new ConcurrentHashMap<>();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();

    /** The ref of {@code cls} {@code uuid}, if looked up before. */
    Optional<String> ref(String cls, String uuid) {
        return Optional.ofNullable(refs.get(new Key(cls, uuid)));
    }

    synchronized void put(String cls, String uuid, String ref) { // one lock with forget: a clear never splits a pair
        if (refs.size() >= MAX) {
            refs.clear();
            keys.clear();
        }
        Key k = new Key(cls, uuid);
        refs.put(k, ref);
        keys.put(ref, k);
    }

    /** Forgets {@code ref} (xapi called it invalid): what it was looked up as, if this memo gave it. */
    synchronized Optional<Key> forget(String ref) {
        Key k = keys.remove(ref);
        if (k != null) {
            refs.remove(k, ref);
        }
        return Optional.ofNullable(k);
    }

    /** True when {@code ref} came from this memo. */
    boolean gave(String ref) {
        return keys.containsKey(ref);
    }

    int size() {
        return refs.size();
    }

    @Override
    public String toString() {
        return "RefMemo[" + refs.size() + " refs]";
    }
}
