package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimOperations;

/** Endpoint references as instance paths, for extensions outside this package. */
public final class Eprs {
    private Eprs() {
    }

    /** The instance path an EPR names (resource URI + selectors, typed by the class's keys). */
    public static CimObjectPath toPath(WsmanRequest.Epr epr, CimOperations ops) throws WsmanFault {
        return Targets.eprPath(epr, ops);
    }
}
