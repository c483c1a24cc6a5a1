package org.xenwbem.bridge.ops;

import org.xenwbem.bridge.client.TaskHandle;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * Calls on a user's session with failures translated once, and uuid → ref look-ups, memoised in a
 * {@link RefMemo} when the session has one: a call that xapi refuses with HANDLE_INVALID for a memoised
 * ref (its object was destroyed since) is sent again once with the ref looked up afresh, which then
 * fails as it did without the memo (UUID_INVALID); HANDLE_INVALID is raised before a call changes
 * anything. An {@code Async.} call's refs are looked up afresh (its failure would come from the task).
 */
final class Calls {
    private final XenApiSession session;
    private final RefMemo memo;
    /** Memoised refs xapi called invalid on this session → their fresh look-ups (a method may hold one in a variable). */
    private final java.util.Map<String, String> renewed = new java.util.concurrent.ConcurrentHashMap<>();

    Calls(XenApiSession session) {
        this(session, null);
    }

    Calls(XenApiSession session, RefMemo memo) {
        this.session = session;
        this.memo = memo;
    }

    XenApiSession session() {
        return session;
    }

    Object call(String method, Object... params) throws XenFailure {
        try {
            try {
                return session.call(method, params);
            } catch (XenApiException e) {
                Object[] fresh = staleMemoRef(e) ? MemoRefs.refresh(this, params, e.params()) : null;
                if (fresh == null) {
                    throw e;
                }
                return session.call(method, fresh);
            }
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }

    /** HANDLE_INVALID for a ref the memo gave: forgotten now. */
    private boolean staleMemoRef(XenApiException e) {
        if (memo == null || e.error() != org.xenwbem.bridge.client.XenApiError.HANDLE_INVALID) {
            return false;
        }
        return e.params().stream().anyMatch(p -> memo.gave(p) || renewed.containsKey(p));
    }

    /** The fresh ref for a memoised one xapi called invalid on this session, or null. */
    String renewedRef(String stale) {
        return renewed.get(stale);
    }

    void renewed(String stale, String fresh) {
        if (renewed.size() < RefMemo.MAX) {
            renewed.put(stale, fresh);
        }
    }

    RefMemo memo() {
        return memo;
    }

    /**
     * {@code <cls>.get_by_uuid} always asked of xapi (for "does it exist?", where a memoised ref would
     * answer yes for an object destroyed since), memoised when this session has a memo.
     */
    String lookUp(String cls, String uuid) throws XenFailure {
        String ref;
        try {
            ref = String.valueOf(call(cls + ".get_by_uuid", uuid));
        } catch (XenFailure f) {
            if (memo != null && "UUID_INVALID".equals(f.code())) {
                memo.ref(cls, uuid).ifPresent(memo::forget);
            }
            throw f;
        }
        if (memo != null) {
            memo.put(cls, uuid, ref);
        }
        return ref;
    }

    /** An {@code Async.} call whose result, when not void, is a ref of {@code resultClass}. */
    Operation async(String resultClass, String method, Object... params) throws XenFailure {
        Object[] checked = memo == null ? params : MemoRefs.lookUpAgain(this, params);
        try {
            TaskHandle h = session.callAsync(method, checked);
            return new TaskOperation(this, h, resultClass);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }

    /** {@code <cls>.get_by_uuid}: the ref never leaves this package. */
    String ref(String cls, String uuid) throws XenFailure {
        if (uuid == null || uuid.isEmpty()) {
            throw new XenFailure(XenFailure.Kind.NOT_FOUND, "UUID_INVALID", java.util.List.of(cls, String.valueOf(uuid)),
                    "no " + cls + " with an empty uuid", null);
        }
        if (memo != null) {
            java.util.Optional<String> known = memo.ref(cls, uuid);
            if (known.isPresent()) {
                return known.get();
            }
        }
        return lookUp(cls, uuid);
    }

    /** {@code <cls>.create(record)}: the new object's uuid. */
    String create(String cls, java.util.Map<String, Object> record) throws XenFailure {
        return uuidOf(cls, String.valueOf(call(cls + ".create", record)));
    }

    String uuidOf(String cls, String ref) throws XenFailure {
        return String.valueOf(call(cls + ".get_uuid", ref));
    }
}
