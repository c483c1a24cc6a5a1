package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * What an action needs besides the request: the caller, the service's address and its parts; and
 * what to undo when the request fails after the action changed something (an Enumerate's new
 * context, which the client never learns of).
 */
record Exchange(RequestContext caller, String address, boolean anonymous, WsmanService service,
                List<Runnable> undo) {
    Exchange(RequestContext caller, String address, boolean anonymous, WsmanService service) {
        this(caller, address, anonymous, service, new ArrayList<>());
    }

    CimOperations ops() {
        return service.ops();
    }

    EnumerationContexts contexts() {
        return service.contexts();
    }

    /** Runs {@code r} if this request ends in a fault (or any failure) instead of its response. */
    void onFailure(Runnable r) {
        undo.add(r);
    }

    void failed() {
        undo.forEach(Runnable::run);
        undo.clear();
    }
}
