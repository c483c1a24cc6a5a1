package org.xenwbem.provider.cimom;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.cim.CimInstance;

/**
 * Serves the instances of exactly one concrete class. Providers read from an in-memory view and
 * must not block on the network; the core handles polymorphism, key validation and projection.
 */
public interface InstanceProvider {
    /** The concrete class this provider serves. */
    String className();

    /** Every instance, in a stable order. */
    List<CimInstance> enumerate(RequestContext ctx) throws CimException;

    /**
     * The instance with these keys (already checked to be exactly the class's keys, values as text or
     * nested paths); empty when it does not exist. The default scans {@link #enumerate}.
     */
    default Optional<CimInstance> get(RequestContext ctx, Map<String, Object> keys) throws CimException {
        for (CimInstance i : enumerate(ctx)) {
            if (i.path().equals(new org.xenwbem.cim.CimObjectPath(null, className(), keys))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
