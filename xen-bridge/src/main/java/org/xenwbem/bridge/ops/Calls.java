package org.xenwbem.bridge.ops;

import org.xenwbem.bridge.client.TaskHandle;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/** Calls on a user's session with failures translated once, and uuid → ref look-ups. */
final class Calls {
    private final XenApiSession session;

    Calls(XenApiSession session) {
        this.session = session;
    }

    XenApiSession session() {
        return session;
    }

    Object call(String method, Object... params) throws XenFailure {
        try {
            return session.call(method, params);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }

    /** An {@code Async.} call whose result, when not void, is a ref of {@code resultClass}. */
    Operation async(String resultClass, String method, Object... params) throws XenFailure {
        try {
            TaskHandle h = session.callAsync(method, params);
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
        return String.valueOf(call(cls + ".get_by_uuid", uuid));
    }

    /** {@code <cls>.create(record)}: the new object's uuid. */
    String create(String cls, java.util.Map<String, Object> record) throws XenFailure {
        return uuidOf(cls, String.valueOf(call(cls + ".create", record)));
    }

    String uuidOf(String cls, String ref) throws XenFailure {
        return String.valueOf(call(cls + ".get_uuid", ref));
    }
}
