package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Replaces the refs a {@link RefMemo} gave in a call's parameters (at the top, and as keys, values or
 * elements of a map or list parameter, e.g. migrate_send's vdi_map) by fresh look-ups, remembered for
 * the session: a method holding the stale ref in a variable for its next calls gets the fresh one too (a
 * VDI forgotten and scanned in again, as the offload layer does, keeps its uuid under a new ref).
 */
final class MemoRefs {
    private MemoRefs() {
    }

    /**
     * After HANDLE_INVALID naming {@code invalid}: those of them in {@code params} that the memo gave
     * forgotten and looked up afresh (UUID_INVALID when the object is gone); null when that changes no
     * parameter (then sending the call again would only meet the same error).
     */
    static Object[] refresh(Calls calls, Object[] params, List<String> invalid) throws XenFailure {
        return replace(calls, params, invalid::contains);
    }

    /** Before an {@code Async.} call: every memoised ref looked up afresh ({@code params} when none). */
    static Object[] lookUpAgain(Calls calls, Object[] params) throws XenFailure {
        Object[] out = replace(calls, params, ref -> true);
        return out == null ? params : out;
    }

    private static Object[] replace(Calls calls, Object[] params, Predicate<String> stale) throws XenFailure {
        boolean changed = false;
        Object[] out = params.clone();
        for (int i = 0; i < out.length; i++) {
            Object v = fresh(calls, out[i], stale);
            changed |= !Objects.equals(v, out[i]);
            out[i] = v;
        }
        return changed ? out : null;
    }

    /** {@code v} with its memoised refs looked up again; {@code v} itself when it holds none. */
    private static Object fresh(Calls calls, Object v, Predicate<String> stale) throws XenFailure {
        if (v instanceof String s) {
            if (!stale.test(s)) {
                return v;
            }
            String known = calls.renewedRef(s);
            if (known != null) {
                return known;
            }
            Optional<RefMemo.Key> k = calls.memo().gave(s) ? calls.memo().forget(s) : Optional.empty();
            if (k.isEmpty()) {
                return v;
            }
            String fresh = calls.lookUp(k.get().cls(), k.get().uuid());
            if (!fresh.equals(s)) { // the same ref again (still valid): nothing to renew
                calls.renewed(s, fresh);
            }
            return fresh;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object key = fresh(calls, e.getKey(), stale);
                Object val = fresh(calls, e.getValue(), stale);
                changed |= !Objects.equals(key, e.getKey()) || !Objects.equals(val, e.getValue());
                out.put(key, val);
            }
            return changed ? out : v;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            boolean changed = false;
            for (Object o : l) {
                Object f = fresh(calls, o, stale);
                changed |= !Objects.equals(f, o);
                out.add(f);
            }
            return changed ? out : v;
        }
        return v;
    }
}
