package org.xenwbem.provider.wsman;

import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;

/** What an action needs besides the request: the caller, the service's address and its parts. */
record Exchange(RequestContext caller, String address, boolean anonymous, WsmanService service) {
    CimOperations ops() {
        return service.ops();
    }

    EnumerationContexts contexts() {
        return service.contexts();
    }
}
